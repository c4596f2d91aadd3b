package dev.stratus.compute.api.operator;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostAggregates;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Stands where the scheduler would be for operator changes: records the {@link ServiceStatus} and
 * {@link HostAggregates} casts compute-api sends to the scheduler topic. (The servers tests' stub takes
 * the build-request types of the same topic; a topic takes one handler per message type.)
 */
final class SchedulerTopic {

    final List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
    final List<HostAggregates> aggregates = new CopyOnWriteArrayList<>();

    private static SchedulerTopic instance;

    private SchedulerTopic() {
    }

    static synchronized SchedulerTopic attach(Messaging messaging) throws Exception {
        if (instance == null) {
            SchedulerTopic topic = new SchedulerTopic();
            messaging.subscribe(ComputeTopics.SCHEDULER, ServiceStatus.TYPE,
                    MessageHandler.blocking((m, ctx) -> topic.statuses.add(m)));
            messaging.subscribe(ComputeTopics.SCHEDULER, HostAggregates.TYPE,
                    MessageHandler.blocking((m, ctx) -> topic.aggregates.add(m)));
            messaging.ready().get(30, TimeUnit.SECONDS);
            instance = topic;
        }
        return instance;
    }

    /** The first status of {@code host} received that matches. */
    ServiceStatus awaitStatus(String host, Predicate<ServiceStatus> matching) {
        return Eventually.until(() -> statuses.stream().filter(s -> s.host().equals(host)).filter(matching)
                .findFirst().orElse(null), "a service status of " + host + "; got " + statuses);
    }

    /** The last aggregate list of {@code host} received, once one matches. */
    HostAggregates awaitAggregates(String host, Predicate<HostAggregates> matching) {
        return Eventually.until(() -> {
            List<HostAggregates> ofHost = aggregates.stream().filter(a -> a.host().equals(host)).toList();
            return ofHost.isEmpty() || !matching.test(ofHost.get(ofHost.size() - 1)) ? null
                    : ofHost.get(ofHost.size() - 1);
        }, "an aggregate list of " + host + "; got " + aggregates);
    }

    List<ServiceStatus> statusesOf(String host) {
        return statuses.stream().filter(s -> s.host().equals(host)).toList();
    }
}
