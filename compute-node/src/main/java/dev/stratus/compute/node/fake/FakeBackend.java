package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.driver.HypervisorBackend;
import dev.stratus.compute.node.network.FakeHostNetworking;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.common.console.FakeRfbServer;
import dev.stratus.compute.node.virt.VncSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated hosts: {@code stratus.compute.fake.node-count} of them in this process, each with its own
 * in-memory driver and bridges.
 */
@ApplicationScoped
public class FakeBackend implements HypervisorBackend {

    private final ComputeNodeConfig.FakeDriverConfig config;
    private final VncSettings vnc;
    private FakeRfbServer console;

    public FakeBackend(ComputeNodeConfig config) {
        this.config = config.fake();
        this.vnc = VncSettings.of(config.vnc());
    }

    @PreDestroy
    synchronized void close() {
        if (console != null) {
            console.close();
        }
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
    public VirtDriver driver(String host) {
        return new FakeVirtDriver(host, FakeDriverSettings.of(config, host), console(), vnc.proxyClientAddress());
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
