package dev.stratus.compute.node.health;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.node.ComputeNode;
import dev.stratus.compute.node.ComputeNodes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the nodes are started and the broker connection is up. */
@Readiness
@ApplicationScoped
public class ComputeNodeReadiness implements HealthCheck {

    private final ComputeNodes nodes;
    private final Messaging messaging;

    public ComputeNodeReadiness(ComputeNodes nodes, Messaging messaging) {
        this.nodes = nodes;
        this.messaging = messaging;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("compute-node")
                .status(nodes.isStarted() && messaging.isConnected())
                .withData("broker", messaging.isConnected() ? "connected" : "disconnected")
                .withData("nodes", nodes.all().size());
        nodes.all().stream().findFirst().map(ComputeNode::host).ifPresent(h -> response.withData("host", h));
        return response.build();
    }
}
