package dev.stratus.scheduler.service;

import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.scheduler.filter.FilterScope;
import dev.stratus.scheduler.filter.SelectionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Whether an instance may be rebuilt with a new image on its own host, as Nova's scheduler decides a rebuild request
 * ({@code _nova_check_type=rebuild}, the host forced to the instance's): only the filters of the
 * {@link FilterScope#REBUILD} scope run (those that depend on the image); the host's capacity, service state and
 * the placement policies are not checked again, and nothing is claimed.
 */
@ApplicationScoped
public class RebuildCheck {

    private static final Logger LOG = Logger.getLogger(RebuildCheck.class);

    private final HostSelector selector;
    private final HostStateCache cache;

    public RebuildCheck(HostSelector selector, HostStateCache cache) {
        this.selector = selector;
        this.cache = cache;
    }

    public HostCheck check(CheckRebuildHost request) {
        HostState host = cache.host(request.host()).orElse(null);
        if (host == null) {
            return HostCheck.refused(Faults.noValidHost("Host " + request.host() + " of instance "
                    + request.instanceId() + " is not a compute host the scheduler knows."));
        }
        SelectionContext ctx = new SelectionContext(request.spec(), null, Consumers.of(request.instanceId()),
                Resources.of(request.spec().flavor()), Instant.now(), Map.of(), Set.of(), Set.of());
        String reason = selector.reject(host, ctx, FilterScope.REBUILD);
        if (reason == null) {
            return HostCheck.PASSES;
        }
        LOG.infof("Rebuild of %s with image %s refused on %s: %s", request.instanceId(),
                request.spec().image() == null ? null : request.spec().image().id(), host.host(), reason);
        return HostCheck.refused(Faults.noValidHost("The rebuild's image does not fit host " + host.host() + ": "
                + reason + "."));
    }
}
