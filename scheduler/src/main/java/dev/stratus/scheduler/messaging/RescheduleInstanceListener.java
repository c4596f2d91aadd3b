package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.RescheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A compute node failed a build: try an alternate host or end the instance in ERROR. */
@ApplicationScoped
public class RescheduleInstanceListener implements TopicListener<RescheduleInstance> {

    private final RescheduleService service;

    public RescheduleInstanceListener(RescheduleService service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<RescheduleInstance> type() {
        return RescheduleInstance.TYPE;
    }

    @Override
    public CompletionStage<?> handle(RescheduleInstance message, MessageContext context) {
        service.reschedule(message, context.requestId());
        return CompletableFuture.completedFuture(null);
    }
}
