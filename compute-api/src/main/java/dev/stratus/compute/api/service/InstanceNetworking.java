package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.NicRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives a freshly written instance its ports and records their addresses on its NICs. An instance whose
 * ports cannot be made goes to ERROR with the reason as its fault (as a Nova build whose network allocation
 * fails), and is not scheduled.
 */
@ApplicationScoped
public class InstanceNetworking {

    private static final Logger LOG = Logger.getLogger(InstanceNetworking.class);

    private final ServerPorts ports;
    private final InstanceRepository instances;
    private final InstanceWriter writer;

    public InstanceNetworking(ServerPorts ports, InstanceRepository instances, InstanceWriter writer) {
        this.ports = ports;
        this.instances = instances;
        this.writer = writer;
    }

    /** The NICs to build the instance with, or empty when it went to ERROR. */
    public Optional<List<NetworkRequest>> connect(AuthContext caller, String instanceUuid, String zone,
            List<String> securityGroupIds) {
        List<NicRow> requested = instances.nics(instanceUuid);
        if (requested.isEmpty()) {
            return Optional.of(List.of());
        }
        List<NicRow> allocated;
        try {
            allocated = ports.allocate(caller, instanceUuid, zone, requested, securityGroupIds);
        } catch (ServerPorts.PortAllocationException e) {
            LOG.infof("Instance %s: %s", instanceUuid, e.getMessage());
            writer.failToSchedule(List.of(instanceUuid), e.getMessage());
            return Optional.empty();
        }
        record(instanceUuid, allocated);
        return Optional.of(allocated.stream().map(NicRow::toRequest).toList());
    }

    @Transactional
    void record(String instanceUuid, List<NicRow> nics) {
        for (NicRow nic : nics) {
            instances.updateNic(instanceUuid, nic);
        }
    }
}
