package dev.stratus.compute.api.network;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.service.ServerPorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps servers' {@code addresses} current: when network-service says ports changed (a floating IP associated,
 * fixed IPs edited), the addresses of the servers those ports belong to are read again.
 */
@ApplicationScoped
public class NetworkChangeListener implements BroadcastListener<NetworkChange> {

    private final ServerPorts ports;
    private final InstanceRepository instances;

    public NetworkChangeListener(ServerPorts ports, InstanceRepository instances) {
        this.ports = ports;
        this.instances = instances;
    }

    @Override
    public String fanout() {
        return NetworkTopics.CHANGES_FANOUT;
    }

    @Override
    public MessageType<NetworkChange> type() {
        return NetworkChange.TYPE;
    }

    @Override
    public CompletionStage<?> handle(NetworkChange change, MessageContext context) {
        Set<String> servers = new LinkedHashSet<>(change.deviceIds());
        if (change.kind() == NetworkChange.Kind.PORT || change.kind() == NetworkChange.Kind.FLOATING_IP) {
            servers.addAll(instances.instancesWithPorts(change.ids()));
        }
        ports.refresh(servers);
        return CompletableFuture.completedFuture(null);
    }
}
