package dev.stratus.compute.api.service;

import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A rebuild with a new image asks the scheduler whether the image fits the server's own host, as Nova's conductor
 * does (the request spec with the new image, the host forced to the server's, only the image-dependent filters).
 */
@ApplicationScoped
public class RebuildHostCheck {

    private static final Logger LOG = Logger.getLogger(RebuildHostCheck.class);

    private final ComputeCasts casts;
    private final MoveRequests requests;

    public RebuildHostCheck(ComputeCasts casts, MoveRequests requests) {
        this.casts = casts;
        this.requests = requests;
    }

    /** Why the scheduler refuses {@code image} on the server's host; empty when it fits. */
    public Optional<InstanceFault> refusal(InstanceRow row, ImageSpec image) {
        RequestSpec spec = new RequestSpec(row.projectId(), row.userId(), InstanceBuilds.flavorOf(row), image,
                requests.zone(row.uuid()), SchedulingHints.NONE, List.of());
        HostCheck answer;
        try {
            answer = casts.checkRebuildHost(new CheckRebuildHost(row.uuid(), spec, row.host(), row.node())).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not ask the scheduler about the rebuild of %s: %s", row.uuid(), e.getMessage());
            // the caller's transaction rolls back: the server is as it was
            throw ApiException.unavailable("The scheduler could not be reached; retry the rebuild.");
        }
        return answer.passes() ? Optional.empty() : Optional.of(answer.fault());
    }
}
