package dev.stratus.network.messaging;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.network.service.AgentReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hosts' reports on topic {@code network} of the network agents they run (their heartbeats). */
@ApplicationScoped
public class AgentReportListener implements TopicListener<NetworkAgentReport> {

    private final AgentReports reports;

    public AgentReportListener(AgentReports reports) {
        this.reports = reports;
    }

    @Override
    public String topic() {
        return NetworkTopics.NETWORK;
    }

    @Override
    public MessageType<NetworkAgentReport> type() {
        return NetworkAgentReport.TYPE;
    }

    @Override
    public CompletionStage<?> handle(NetworkAgentReport report, MessageContext context) {
        reports.apply(report);
        return CompletableFuture.completedFuture(null);
    }
}
