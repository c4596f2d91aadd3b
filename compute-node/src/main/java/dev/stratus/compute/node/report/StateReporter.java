package dev.stratus.compute.node.report;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.messaging.Messaging;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one node's {@link InstanceStateReport}s to compute-api (the conductor topic). */
public class StateReporter {

    private final Messaging messaging;
    private final String host;
    private final String node;
    private final ReportSequence sequence;
    private final Clock clock;

    public StateReporter(Messaging messaging, String host, String node, ReportSequence sequence, Clock clock) {
        this.messaging = messaging;
        this.host = host;
        this.node = node;
        this.sequence = sequence;
        this.clock = clock;
    }

    /**
     * Sends the report and waits until the broker confirmed it, so that a handler acknowledges its message
     * only after its outcome is on its way. Fails when the broker did not take it.
     */
    public void send(StateReport report) throws ReportException {
        InstanceStateReport message = new InstanceStateReport(report.instanceId,
                report.clearHost ? "" : host, report.clearHost ? "" : node, report.vmState, report.taskState,
                report.clearTaskState, report.powerState == null ? null : report.powerState.code(),
                report.launchedAt, report.fault, report.event, sequence.next(), clock.instant());
        try {
            messaging.cast(ComputeTopics.CONDUCTOR, InstanceStateReport.TYPE, message).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("interrupted while reporting " + report.instanceId, e);
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            throw new ReportException("could not report the state of " + report.instanceId + ": " + e.getMessage(), e);
        }
    }

    /** An event that starts now. */
    public ActionEvent started(String name, String requestId, Instant startedAt) {
        return new ActionEvent(requestId, name, startedAt, null, null, host, null);
    }

    /** The same event, finished now with {@code result}. */
    public ActionEvent finished(String name, String requestId, Instant startedAt, String result, String details) {
        return new ActionEvent(requestId, name, startedAt, clock.instant(), result, host, details);
    }

    public Instant now() {
        return clock.instant();
    }

    public String host() {
        return host;
    }

    /** The report could not be sent. */
    public static class ReportException extends Exception {
        public ReportException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
