package dev.stratus.compute.api.operator.service;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.operator.persistence.AggregateRecords;
import dev.stratus.compute.api.operator.persistence.AggregateRow;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Tells the scheduler about operator changes: a service's status, and the complete aggregate list of
 * every host an aggregate change touched. Sent once the transaction that made the change committed, so
 * the scheduler never hears of a change that was rolled back.
 */
@ApplicationScoped
public class SchedulerNotifier {

    private static final Logger LOG = Logger.getLogger(SchedulerNotifier.class);

    private final Messaging messaging;
    private final AggregateRecords aggregates;
    private final TransactionSynchronizationRegistry transactions;

    public SchedulerNotifier(Messaging messaging, AggregateRecords aggregates,
            TransactionSynchronizationRegistry transactions) {
        this.messaging = messaging;
        this.aggregates = aggregates;
        this.transactions = transactions;
    }

    public void serviceChanged(ServiceRow service, boolean deleted) {
        ServiceStatus status = new ServiceStatus(service.host(), service.disabled(), service.disabledReason(),
                service.forcedDown(), deleted);
        afterCommit(() -> cast(ServiceStatus.TYPE.name() + " " + service.host(),
                () -> messaging.cast(ComputeTopics.SCHEDULER, ServiceStatus.TYPE, status)));
    }

    /** Reads each host's aggregates now (inside the transaction) and sends them after the commit. */
    public void hostsChanged(Collection<String> hosts) {
        List<HostAggregates> messages = new TreeSet<>(hosts).stream()
                .map(host -> new HostAggregates(host, aggregates.ofHost(host).stream().map(SchedulerNotifier::toMessage)
                        .toList()))
                .toList();
        afterCommit(() -> messages.forEach(m -> cast(HostAggregates.TYPE.name() + " " + m.host(),
                () -> messaging.cast(ComputeTopics.SCHEDULER, HostAggregates.TYPE, m))));
    }

    private static HostAggregates.Aggregate toMessage(AggregateRow a) {
        return new HostAggregates.Aggregate(a.uuid(), a.name(), a.metadata());
    }

    private void afterCommit(Runnable send) {
        if (transactions.getTransactionKey() == null) {
            send.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    send.run();
                }
            }
        });
    }

    private static void cast(String what, java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>> send) {
        try {
            send.get().whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warnf("could not tell the scheduler (%s): %s", what, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not tell the scheduler (%s): %s", what, e.getMessage());
        }
    }
}
