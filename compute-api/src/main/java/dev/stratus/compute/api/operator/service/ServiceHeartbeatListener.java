package dev.stratus.compute.api.operator.service;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/** Compute nodes' heartbeats on the {@code compute.services} fanout: services and hypervisors appear and stay up. */
@ApplicationScoped
public class ServiceHeartbeatListener implements BroadcastListener<ServiceHeartbeat> {

    private static final Logger LOG = Logger.getLogger(ServiceHeartbeatListener.class);

    private final ServiceReports reports;
    private final Clock clock = Clock.systemUTC();

    public ServiceHeartbeatListener(ServiceReports reports) {
        this.reports = reports;
    }

    @Override
    public String fanout() {
        return ComputeTopics.SERVICES_FANOUT;
    }

    @Override
    public MessageType<ServiceHeartbeat> type() {
        return ServiceHeartbeat.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ServiceHeartbeat heartbeat, MessageContext context) {
        boolean applied = reports.record(heartbeat, clock.instant());
        if (!applied) {
            LOG.debugf("heartbeat of %s on %s is not newer than the last one; ignored", heartbeat.binary(),
                    heartbeat.host());
        }
        return CompletableFuture.completedFuture(null);
    }
}
