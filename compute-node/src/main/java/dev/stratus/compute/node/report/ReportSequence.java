package dev.stratus.compute.node.report;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers of one node's state reports: epoch microseconds, strictly increasing even when the clock
 * stands still or steps back, so compute-api applies a node's reports about an instance in order.
 */
public final class ReportSequence {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public ReportSequence(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return last.updateAndGet(previous -> Math.max(previous + 1, micros));
    }
}
