package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.MoveReport;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.TopicListener;
import dev.stratus.compute.api.service.InstanceRemoval;
import dev.stratus.compute.api.service.MoveReports;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import jakarta.enterprise.context.ApplicationScoped;

/** The conductor topic: the reports of moves (resize, migration), then what the scheduler must settle. */
@ApplicationScoped
public class MoveReportListener implements TopicListener<MoveReport> {

    private final MoveReports reports;
    private final InstanceRemoval removal;
    private final ComputeCasts casts;

    public MoveReportListener(MoveReports reports, InstanceRemoval removal, ComputeCasts casts) {
        this.reports = reports;
        this.removal = removal;
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
        String instanceId = report.state().instanceId();
        MoveReports.Outcome outcome = reports.apply(report);
        CompletableFuture<Void> claims = switch (outcome.claims()) {
            case COMMIT -> casts.commitMove(instanceId, report.migrationId());
            case RETURN -> casts.release(List.of(report.migrationId()));
            case KEEP -> CompletableFuture.completedFuture(null);
        };
        return claims.thenCompose(done -> switch (outcome.state()) {
            case RELEASE -> {
                removal.released(List.of(instanceId));
                yield CompletableFuture.completedFuture(null);
            }
            case DESTROY_ON_HOST -> casts.delete(report.state().host(), new DeleteInstance(instanceId,
                    context.requestId()));
            case OFFLOADED, NONE -> CompletableFuture.<Void>completedFuture(null);
        });
    }
}
