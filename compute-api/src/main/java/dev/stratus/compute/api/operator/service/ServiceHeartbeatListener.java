package dev.stratus.compute.api.operator.service;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import dev.stratus.compute.api.service.EvacuatedGuests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Compute nodes' heartbeats on the {@code compute.services} fanout: services and hypervisors appear and stay up; a
 * host that reports after instances were evacuated away from it destroys their guests ({@link EvacuatedGuests}).
 */
@ApplicationScoped
public class ServiceHeartbeatListener implements BroadcastListener<ServiceHeartbeat> {

    private static final Logger LOG = Logger.getLogger(ServiceHeartbeatListener.class);

    private final ServiceReports reports;
    private final EvacuatedGuests evacuated;
    private final Clock clock = Clock.systemUTC();

    public ServiceHeartbeatListener(ServiceReports reports, EvacuatedGuests evacuated) {
        this.reports = reports;
        this.evacuated = evacuated;
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
            return CompletableFuture.completedFuture(null);
        }
        try {
            evacuated.cleanUp(heartbeat.host(), heartbeat.startedAt());
        } catch (RuntimeException e) {
            LOG.warnf("Evacuated guests of %s: %s; asked again on its next heartbeat", heartbeat.host(),
                    e.getMessage());
        }
        return CompletableFuture.completedFuture(null);
    }
}
