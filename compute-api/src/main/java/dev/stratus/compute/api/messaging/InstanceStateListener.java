package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.compute.api.service.StateReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/** The conductor topic: state reports from nodes and the scheduler. */
@ApplicationScoped
public class InstanceStateListener implements TopicListener<InstanceStateReport> {

    private final StateReports reports;
    private final StateFollowUps followUps;

    public InstanceStateListener(StateReports reports, StateFollowUps followUps) {
        this.reports = reports;
        this.followUps = followUps;
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
        return followUps.after(reports.apply(report), report, context.requestId());
    }
}
