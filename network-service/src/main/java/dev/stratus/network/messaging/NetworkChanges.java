package dev.stratus.network.messaging;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells hosts and compute-api what changed, on the {@code network.changes} fanout, once the change is committed:
 * inside a transaction the broadcast waits for the commit and is dropped on a rollback; outside one it goes at
 * once. Sending is asynchronous; a broker outage costs a log line, never the API call (hosts re-read on
 * reconnection).
 */
@ApplicationScoped
public class NetworkChanges {

    private static final Logger LOG = Logger.getLogger(NetworkChanges.class);

    private final Messaging messaging;
    private final TransactionSynchronizationRegistry transactions;

    public NetworkChanges(Messaging messaging, TransactionSynchronizationRegistry transactions) {
        this.messaging = messaging;
        this.transactions = transactions;
    }

    public void changed(NetworkChange.Kind kind, Collection<String> ids, Collection<String> hosts,
            Collection<String> deviceIds) {
        NetworkChange change = new NetworkChange(kind, List.copyOf(new LinkedHashSet<>(ids)), nonEmpty(hosts),
                nonEmpty(deviceIds));
        if (transactions.getTransactionKey() == null) {
            send(change);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    send(change);
                }
            }
        });
    }

    /** A change that concerns no particular host (a security group, a subnet, a router). */
    public void changed(NetworkChange.Kind kind, String id) {
        changed(kind, List.of(id), List.of(), List.of());
    }

    private void send(NetworkChange change) {
        messaging.broadcast(NetworkTopics.CHANGES_FANOUT, NetworkChange.TYPE, change).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warnf("Could not broadcast %s %s: %s", change.kind(), change.ids(), e.getMessage());
            }
        });
    }

    private static List<String> nonEmpty(Collection<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isEmpty() && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
