package dev.stratus.common.compute;

/**
 * A personality file (Nova's injected file, microversions below 2.57): a path in the guest and its contents,
 * base64 as the client sent them. The config drive carries it for cloud-init to write.
 */
public record InjectedFile(String path, String contents) {
}
