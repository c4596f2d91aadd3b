package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.scheduler.service.SchedulingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api asks for hosts for the instances of one create request. */
@ApplicationScoped
public class ScheduleInstancesListener implements TopicListener<ScheduleInstances> {

    private final SchedulingService service;

    public ScheduleInstancesListener(SchedulingService service) {
        this.service = service;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<ScheduleInstances> type() {
        return ScheduleInstances.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ScheduleInstances message, MessageContext context) {
        service.schedule(message, context.requestId());
        return CompletableFuture.completedFuture(null);
    }
}
