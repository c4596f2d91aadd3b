package dev.stratus.compute.node.virt;

/**
 * Where a guest's VNC server or TCP serial port is reached from the console proxy (Nova's {@code ConsoleVNC},
 * {@code ConsoleSerial}).
 */
public record ConsoleEndpoint(String host, int port) {
}
