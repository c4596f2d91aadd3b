package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.PortStatusReport;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.PortRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies a host's port status report: only while the port is still bound to that host (a late report from a
 * host the port has left changes nothing), and only when the status changes (a redelivered report is a no-op).
 */
@ApplicationScoped
public class PortStatuses {

    private static final Logger LOG = Logger.getLogger(PortStatuses.class);

    private final PortRepository ports;
    private final NetworkChanges changes;

    public PortStatuses(PortRepository ports, NetworkChanges changes) {
        this.ports = ports;
        this.changes = changes;
    }

    @Transactional
    public boolean apply(PortStatusReport report) {
        String status = report.status();
        if (!PortStatusReport.ACTIVE.equals(status) && !PortStatusReport.DOWN.equals(status)) {
            LOG.warnf("Ignoring status %s of port %s from host %s: only ACTIVE and DOWN are reported", status,
                    report.portId(), report.host());
            return false;
        }
        if (report.host() == null || report.host().isEmpty()
                || !ports.updateStatusIfBound(report.portId(), report.host(), status)) {
            LOG.debugf("Port %s status %s from host %s not applied (not bound there, or unchanged)", report.portId(),
                    status, report.host());
            return false;
        }
        String device = ports.find(report.portId()).map(p -> p.deviceId()).orElse("");
        changes.changed(NetworkChange.Kind.PORT, List.of(report.portId()), List.of(report.host()), List.of(device));
        return true;
    }
}
