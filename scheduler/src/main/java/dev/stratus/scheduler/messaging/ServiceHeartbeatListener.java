package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import dev.stratus.scheduler.service.HostSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Compute node heartbeats: liveness, and the inventory and traits of the node's resource provider. */
@ApplicationScoped
public class ServiceHeartbeatListener implements BroadcastListener<ServiceHeartbeat> {

    private final HostSync service;

    public ServiceHeartbeatListener(HostSync service) {
        this.service = service;
    }

    @Override
    public String fanout() {
        return ComputeTopics.SERVICES_FANOUT;
    }

    @Override
    public MessageType<ServiceHeartbeat> type() {
        return ServiceHeartbeat.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ServiceHeartbeat message, MessageContext context) {
        service.heartbeat(message);
        return CompletableFuture.completedFuture(null);
    }
}
