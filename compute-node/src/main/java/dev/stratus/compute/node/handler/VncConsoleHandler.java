package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;

/**
 * {@code get_vnc_console} (a call, as in Nova): where the guest's VNC server is, as the console proxy reaches it.
 * With VNC turned off on this host the console is unavailable, as Nova's compute manager answers; the driver
 * tells the rest. Nothing changes on the host, so no lock is taken.
 */
public class VncConsoleHandler extends GuestConsoleHandler<VncConsoleRequest> {

    private final VirtDriver driver;

    public VncConsoleHandler(VirtDriver driver, VncSettings vnc) {
        super(vnc.enabled(), "VNC consoles are turned off on this host", VncConsoleRequest::instanceId);
        this.driver = driver;
    }

    @Override
    ConsoleEndpoint find(String instanceId) throws VirtException {
        return driver.vncConsole(instanceId);
    }
}
