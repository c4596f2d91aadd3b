package dev.stratus.compute.node.driver;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.LinuxBridgeNetworking;
import dev.stratus.compute.node.virt.VirtDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.nio.file.Path;
import java.util.List;

/**
 * Real guests: the single {@link VirtDriver} bean named {@code libvirt} (looked up only when this backend is
 * chosen, so a fake node never connects to libvirt), and the Linux host plumbing.
 */
@ApplicationScoped
public class LibvirtBackend implements HypervisorBackend {

    public static final String NAME = "libvirt";

    private final Instance<VirtDriver> drivers;
    private final ComputeNodeConfig.HostNetworkConfig network;

    public LibvirtBackend(@Any Instance<VirtDriver> drivers, ComputeNodeConfig config) {
        this.drivers = drivers;
        this.network = config.network();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> hosts(String configuredHost) {
        return List.of(configuredHost);
    }

    @Override
    public VirtDriver driver(String host) {
        List<VirtDriver> matching = drivers.stream().filter(d -> NAME.equals(d.name())).toList();
        if (matching.size() != 1) {
            throw new IllegalStateException("expected one VirtDriver bean named " + NAME + ", found " + matching.size());
        }
        return matching.get(0);
    }

    @Override
    public HostNetworking networking(String host) {
        return new LinuxBridgeNetworking(CommandRunner.system(), new LinuxBridgeNetworking.Settings(
                Path.of(network.stateDirectory()), network.namespace().orElse(null)));
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
