/**
 * The fake guests' consoles: the VNC server (RFB 3.8) and the echoing TCP serial ports, shared by the compute node's
 * fake driver and the console proxies' tests.
 */
package dev.stratus.common.console;
