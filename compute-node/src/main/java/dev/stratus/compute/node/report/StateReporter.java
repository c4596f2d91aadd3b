package dev.stratus.compute.node.report;

import dev.stratus.common.compute.ActionEvent;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.Messaging;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one node's {@link InstanceStateReport}s and {@link MoveReport}s to compute-api (the conductor topic). */
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
        cast(report.instanceId, InstanceStateReport.TYPE, message(report));
    }

    /**
     * Sends a move's report: the instance's state, with the migration's new status and (when not null) the flavor
     * the instance has from now on.
     */
    public void sendMove(StateReport report, String migrationId, String migrationStatus, FlavorSpec flavor)
            throws ReportException {
        cast(report.instanceId, MoveReport.TYPE, new MoveReport(message(report), migrationId, migrationStatus, flavor));
    }

    /** A move's report that names its destination before the instance is there (a live migration running). */
    public void sendMove(StateReport report, String migrationId, String migrationStatus, String destHost,
            String destNode) throws ReportException {
        cast(report.instanceId, MoveReport.TYPE, new MoveReport(message(report), migrationId, migrationStatus, null,
                destHost, destNode));
    }

    private InstanceStateReport message(StateReport report) {
        String reportHost = report.clearHost ? "" : report.host != null ? report.host : host;
        String reportNode = report.clearHost ? "" : report.host != null ? report.node : node;
        return new InstanceStateReport(report.instanceId, reportHost, reportNode, report.vmState, report.taskState,
                report.clearTaskState, report.powerState == null ? null : report.powerState.code(),
                report.launchedAt, report.fault, report.event, sequence.next(), clock.instant());
    }

    private <T> void cast(String instanceId, MessageType<T> type, T message) throws ReportException {
        try {
            messaging.cast(ComputeTopics.CONDUCTOR, type, message).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("interrupted while reporting " + instanceId, e);
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            throw new ReportException("could not report the state of " + instanceId + ": " + e.getMessage(), e);
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
