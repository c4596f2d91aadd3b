package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ReleaseAllocations;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api: these instances are gone; return their allocations once. */
@ApplicationScoped
public class ReleaseAllocationsListener implements TopicListener<ReleaseAllocations> {

    private final ReleaseService service;

    public ReleaseAllocationsListener(ReleaseService service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<ReleaseAllocations> type() {
        return ReleaseAllocations.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ReleaseAllocations message, MessageContext context) {
        service.release(message.instanceIds());
        return CompletableFuture.completedFuture(null);
    }
}
