package dev.stratus.compute.node.driver;

import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.virt.VirtDriver;
import java.util.List;

/**
 * One kind of hypervisor a node process can run: which hosts it serves and, per host, its driver and host
 * plumbing. Implementations are CDI beans chosen by {@code stratus.compute.driver} ({@link BackendSelector});
 * they must be cheap to create, because every one is created to read its {@link #name()}.
 */
public interface HypervisorBackend {

    /** The value of {@code stratus.compute.driver} that chooses this backend. */
    String name();

    /** The hosts this process serves: the configured host, or several simulated ones. */
    List<String> hosts(String configuredHost);

    /** The driver of one host; called once per host at start-up. */
    VirtDriver driver(String host);

    /** The host plumbing of one host; called once per host at start-up. */
    HostNetworking networking(String host);

    /** Whether the node keeps instance records in its guest directories (guests outlive the process). */
    boolean persistent();
}
