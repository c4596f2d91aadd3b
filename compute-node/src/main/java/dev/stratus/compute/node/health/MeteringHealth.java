package dev.stratus.compute.node.health;

import dev.stratus.compute.node.ComputeNodes;
import dev.stratus.compute.node.network.MeteredTraffic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * The metering labels' counts (the {@code l3.meter} reports added up since start), shown on
 * {@code /q/health/live} as {@code "<host> <label>": "<packets> packets, <bytes> bytes"}: the project has no
 * notification bus to carry the reports. Always up.
 */
@Liveness
@ApplicationScoped
public class MeteringHealth implements HealthCheck {

    private final ComputeNodes nodes;

    public MeteringHealth(ComputeNodes nodes) {
        this.nodes = nodes;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("metering").up();
        for (Map.Entry<String, Map<String, MeteredTraffic>> host : nodes.meteringTotals().entrySet()) {
            host.getValue().forEach((label, t) -> response.withData(host.getKey() + " " + label,
                    t.packets() + " packets, " + t.bytes() + " bytes"));
        }
        return response.build();
    }
}
