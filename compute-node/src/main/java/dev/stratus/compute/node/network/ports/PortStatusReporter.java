package dev.stratus.compute.node.network.ports;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.common.network.PortStatusReport;
import java.util.Collection;
import org.jboss.logging.Logger;

/** Tells network-service that the devices of ports bound to this host came up or went down. */
public class PortStatusReporter {

    private static final Logger LOG = Logger.getLogger(PortStatusReporter.class);

    private final Messaging messaging;
    private final String host;

    public PortStatusReporter(Messaging messaging, String host) {
        this.messaging = messaging;
        this.host = host;
    }

    public void report(Collection<String> portIds, String status) {
        for (String portId : portIds) {
            messaging.cast(NetworkTopics.NETWORK, PortStatusReport.TYPE, new PortStatusReport(portId, host, status))
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            LOG.warnf("Port %s: status %s not reported: %s", portId, status, e.getMessage());
                        }
                    });
        }
    }
}
