package dev.stratus.compute.node.network;

/** Host plumbing failed; the message says which command and why. */
public class HostNetworkingException extends Exception {

    public HostNetworkingException(String message) {
        super(message);
    }

    public HostNetworkingException(String message, Throwable cause) {
        super(message, cause);
    }
}
