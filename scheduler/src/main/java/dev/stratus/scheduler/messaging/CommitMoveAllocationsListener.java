package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.CommitMoveAllocations;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api: a move was confirmed; its destination's claim becomes the instance's. */
@ApplicationScoped
public class CommitMoveAllocationsListener implements TopicListener<CommitMoveAllocations> {

    private final ReleaseService service;

    public CommitMoveAllocationsListener(ReleaseService service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<CommitMoveAllocations> type() {
        return CommitMoveAllocations.TYPE;
    }

    @Override
    public CompletionStage<?> handle(CommitMoveAllocations message, MessageContext context) {
        service.commitMove(message.instanceId(), message.migrationId());
        return CompletableFuture.completedFuture(null);
    }
}
