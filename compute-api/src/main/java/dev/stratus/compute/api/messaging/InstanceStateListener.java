package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.compute.api.service.InstanceRemoval;
import dev.stratus.compute.api.service.StateReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The conductor topic: state reports from nodes and the scheduler. */
@ApplicationScoped
public class InstanceStateListener implements TopicListener<InstanceStateReport> {

    private final StateReports reports;
    private final InstanceRemoval removal;
    private final ComputeCasts casts;

    public InstanceStateListener(StateReports reports, InstanceRemoval removal, ComputeCasts casts) {
        this.reports = reports;
        this.removal = removal;
        this.casts = casts;
    }

    @Override
    public String topic() {
        return ComputeTopics.CONDUCTOR;
    }

    @Override
    public MessageType<InstanceStateReport> type() {
        return InstanceStateReport.TYPE;
    }

    @Override
    public CompletionStage<?> handle(InstanceStateReport report, MessageContext context) {
        StateReports.FollowUp followUp = reports.apply(report);
        if ("active".equals(report.vmState()) || "stopped".equals(report.vmState())) {
            removal.unshelved(report.instanceId());
        }
        return switch (followUp) {
            case RELEASE -> {
                removal.released(List.of(report.instanceId()));
                yield CompletableFuture.completedFuture(null);
            }
            case DESTROY_ON_HOST -> casts.delete(report.host(), new DeleteInstance(report.instanceId(),
                    context.requestId()));
            case OFFLOADED -> casts.returnAllocations(List.of(report.instanceId()));
            case NONE -> CompletableFuture.completedFuture(null);
        };
    }
}
