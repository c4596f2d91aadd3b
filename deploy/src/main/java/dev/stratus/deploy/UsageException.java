package dev.stratus.deploy;

/** A command line that cannot be run as given; Main prints the message and the usage, exit 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
