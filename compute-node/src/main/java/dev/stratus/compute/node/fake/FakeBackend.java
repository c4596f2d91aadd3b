package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.driver.HypervisorBackend;
import dev.stratus.compute.node.network.FakeHostNetworking;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.SerialPortAllocator;
import dev.stratus.compute.node.virt.VncSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated hosts: {@code stratus.compute.fake.node-count} of them in this process, each with its own
 * in-memory driver and bridges. They share one VNC server and one range of serial console ports (a port one host's
 * guest holds is never another's), all closed when the process stops.
 */
@ApplicationScoped
public class FakeBackend implements HypervisorBackend {

    private final ComputeNodeConfig.FakeDriverConfig config;
    private final VncSettings vnc;
    /** The serial console ports of every simulated host of this process; null with serial consoles turned off. */
    private final SerialPortAllocator serialPorts;
    private final List<FakeVirtDriver> drivers = new ArrayList<>();
    private FakeRfbServer console;

    public FakeBackend(ComputeNodeConfig config) {
        this.config = config.fake();
        this.vnc = VncSettings.of(config.vnc());
        SerialConsoleSettings serial = SerialConsoleSettings.of(config.serialConsole());
        this.serialPorts = serial.enabled() ? new SerialPortAllocator(serial) : null;
    }

    @PreDestroy
    synchronized void close() {
        if (console != null) {
            console.close();
        }
        drivers.forEach(FakeVirtDriver::close);
    }

    /** The VNC server every fake guest shows, started with the first fake host; null with VNC turned off. */
    private synchronized FakeRfbServer console() {
        if (console == null && vnc.enabled()) {
            try {
                console = FakeRfbServer.start(vnc.serverListen());
            } catch (IOException e) {
                throw new UncheckedIOException("The fake guests' VNC server could not listen on "
                        + vnc.serverListen(), e);
            }
        }
        return console;
    }

    @Override
    public String name() {
        return FakeVirtDriver.NAME;
    }

    @Override
    public List<String> hosts(String configuredHost) {
        int count = config.nodeCount();
        if (count < 1) {
            throw new IllegalStateException("stratus.compute.fake.node-count must be at least 1, not " + count);
        }
        if (count == 1) {
            return List.of(configuredHost);
        }
        List<String> hosts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            hosts.add(String.format("%s-%03d", configuredHost, i));
        }
        return hosts;
    }

    @Override
    public synchronized VirtDriver driver(String host) {
        FakeVirtDriver driver = new FakeVirtDriver(host, FakeDriverSettings.of(config, host), console(),
                vnc.proxyClientAddress(), serialPorts);
        drivers.add(driver);
        return driver;
    }

    @Override
    public HostNetworking networking(String host) {
        return new FakeHostNetworking();
    }

    @Override
    public boolean persistent() {
        return false;
    }
}
