package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.MoveScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api asks for a destination for a resize or cold migration. */
@ApplicationScoped
public class ScheduleMoveListener implements TopicListener<ScheduleMove> {

    private final MoveScheduler service;

    public ScheduleMoveListener(MoveScheduler service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<ScheduleMove> type() {
        return ScheduleMove.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ScheduleMove message, MessageContext context) {
        service.schedule(message, context.requestId());
        return CompletableFuture.completedFuture(null);
    }
}
