package dev.stratus.common.compute;

/** Why an instance went to ERROR, as the API shows it in {@code fault}. */
public record InstanceFault(int code, String message, String details) {
}
