package dev.stratus.network.messaging;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.common.network.PortStatusReport;
import dev.stratus.network.service.PortStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hosts' reports on topic {@code network} that a bound port's device is up or down. */
@ApplicationScoped
public class PortStatusListener implements TopicListener<PortStatusReport> {

    private final PortStatuses statuses;

    public PortStatusListener(PortStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public String topic() {
        return NetworkTopics.NETWORK;
    }

    @Override
    public MessageType<PortStatusReport> type() {
        return PortStatusReport.TYPE;
    }

    @Override
    public CompletionStage<?> handle(PortStatusReport report, MessageContext context) {
        statuses.apply(report);
        return CompletableFuture.completedFuture(null);
    }
}
