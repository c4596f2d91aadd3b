package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.HostSync;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api: the aggregates (and so the availability zone) of one host changed. */
@ApplicationScoped
public class HostAggregatesListener implements TopicListener<HostAggregates> {

    private final HostSync service;

    public HostAggregatesListener(HostSync service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<HostAggregates> type() {
        return HostAggregates.TYPE;
    }

    @Override
    public CompletionStage<?> handle(HostAggregates message, MessageContext context) {
        service.aggregates(message);
        return CompletableFuture.completedFuture(null);
    }
}
