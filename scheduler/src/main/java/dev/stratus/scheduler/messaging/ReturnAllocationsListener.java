package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ReturnAllocations;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api: these instances left their hosts (offloaded) but live on: return their allocations. */
@ApplicationScoped
public class ReturnAllocationsListener implements TopicListener<ReturnAllocations> {

    private final ReleaseService service;

    public ReturnAllocationsListener(ReleaseService service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<ReturnAllocations> type() {
        return ReturnAllocations.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ReturnAllocations message, MessageContext context) {
        service.returnOnly(message.instanceIds());
        return CompletableFuture.completedFuture(null);
    }
}
