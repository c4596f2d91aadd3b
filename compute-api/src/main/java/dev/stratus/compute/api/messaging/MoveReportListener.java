package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.compute.api.service.MoveReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The conductor topic: the reports of moves (resize, migration), then what the scheduler must settle. */
@ApplicationScoped
public class MoveReportListener implements TopicListener<MoveReport> {

    private final MoveReports reports;
    private final StateFollowUps followUps;
    private final ComputeCasts casts;

    public MoveReportListener(MoveReports reports, StateFollowUps followUps, ComputeCasts casts) {
        this.reports = reports;
        this.followUps = followUps;
        this.casts = casts;
    }

    @Override
    public String topic() {
        return ComputeTopics.CONDUCTOR;
    }

    @Override
    public MessageType<MoveReport> type() {
        return MoveReport.TYPE;
    }

    @Override
    public CompletionStage<?> handle(MoveReport report, MessageContext context) {
        MoveReports.Outcome outcome = reports.apply(report);
        CompletableFuture<Void> claims = switch (outcome.claims()) {
            case COMMIT -> outcome.superseded().isEmpty()
                    ? casts.commitMove(report.state().instanceId(), report.migrationId())
                    : CompletableFuture.allOf(casts.release(outcome.superseded()),
                            casts.commitMove(report.state().instanceId(), report.migrationId()));
            case RETURN -> casts.release(List.of(report.migrationId()));
            case KEEP -> CompletableFuture.completedFuture(null);
        };
        return claims.thenCompose(done -> followUps.after(outcome.state(), report.state(), context.requestId()));
    }
}
