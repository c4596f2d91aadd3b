package dev.stratus.compute.node.virt;

/** Where a guest's VNC server is reached from the console proxy (Nova's {@code ConsoleVNC}). */
public record ConsoleEndpoint(String host, int port) {
}
