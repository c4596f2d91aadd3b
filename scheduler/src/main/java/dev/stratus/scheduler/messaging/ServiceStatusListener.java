package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.HostSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api: an operator disabled, enabled, forced down or deleted a compute service. */
@ApplicationScoped
public class ServiceStatusListener implements TopicListener<ServiceStatus> {

    private final HostSync service;

    public ServiceStatusListener(HostSync service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<ServiceStatus> type() {
        return ServiceStatus.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ServiceStatus message, MessageContext context) {
        service.status(message);
        return CompletableFuture.completedFuture(null);
    }
}
