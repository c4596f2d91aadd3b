package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;

/**
 * {@code get_serial_console} (a call, as in Nova): where the TCP end of the guest's first serial port listens, as
 * the serial console proxy reaches it. With serial consoles turned off on this host the console is unavailable, as
 * Nova's compute manager answers; the driver tells the rest. Nothing changes on the host, so no lock is taken.
 */
public class SerialConsoleHandler extends GuestConsoleHandler<SerialConsoleRequest> {

    private final VirtDriver driver;

    public SerialConsoleHandler(VirtDriver driver, SerialConsoleSettings serial) {
        super(serial.enabled(), "Serial consoles are turned off on this host", SerialConsoleRequest::instanceId);
        this.driver = driver;
    }

    @Override
    ConsoleEndpoint find(String instanceId) throws VirtException {
        return driver.serialConsole(instanceId);
    }
}
