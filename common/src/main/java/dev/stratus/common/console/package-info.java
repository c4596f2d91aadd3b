/** The fake guests' VNC server (RFB 3.8), shared by the compute node's fake driver and the console proxy's tests. */
package dev.stratus.common.console;
