package dev.stratus.scheduler.service;

import dev.stratus.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/** Recent build failures per host, as reschedules report them; each counts for the configured window. */
@ApplicationScoped
public class BuildFailures {

    private final SchedulerConfig config;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public BuildFailures(SchedulerConfig config) {
        this.config = config;
    }

    public void record(String host, Instant at) {
        failures.computeIfAbsent(host, h -> new ConcurrentLinkedDeque<>()).addLast(at);
    }

    public int recent(String host, Instant now) {
        Deque<Instant> times = failures.get(host);
        if (times == null) {
            return 0;
        }
        Instant oldest = now.minus(config.buildFailureWindow());
        while (true) {
            Instant first = times.peekFirst();
            if (first == null || !first.isBefore(oldest)) {
                break;
            }
            times.pollFirst();
        }
        return times.size();
    }
}
