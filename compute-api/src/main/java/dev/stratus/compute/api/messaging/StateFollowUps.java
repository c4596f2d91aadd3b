package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.InstanceStateReport;
import dev.stratus.compute.api.service.InstanceRemoval;
import dev.stratus.compute.api.service.StateReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What follows an applied state report, once its transaction committed: a deleted instance's claims and ports go,
 * an instance deleted meanwhile is destroyed on the host that still reports it, an offloaded one returns its claim,
 * and a server that runs again after an unshelve has its shelved image deleted.
 */
@ApplicationScoped
public class StateFollowUps {

    private final InstanceRemoval removal;
    private final ComputeCasts casts;

    public StateFollowUps(InstanceRemoval removal, ComputeCasts casts) {
        this.removal = removal;
        this.casts = casts;
    }

    public CompletableFuture<Void> after(StateReports.FollowUp followUp, InstanceStateReport report,
            String requestId) {
        // Only a task's end can be an unshelve's: power-state reports do not look for a shelved image.
        if (report.clearTaskState() && ("active".equals(report.vmState()) || "stopped".equals(report.vmState()))) {
            removal.unshelved(report.instanceId());
        }
        return switch (followUp) {
            case RELEASE -> {
                removal.released(List.of(report.instanceId()));
                yield CompletableFuture.completedFuture(null);
            }
            case DESTROY_ON_HOST -> casts.delete(report.host(), new DeleteInstance(report.instanceId(), requestId));
            case OFFLOADED -> casts.returnAllocations(List.of(report.instanceId()));
            case NONE -> CompletableFuture.completedFuture(null);
        };
    }
}
