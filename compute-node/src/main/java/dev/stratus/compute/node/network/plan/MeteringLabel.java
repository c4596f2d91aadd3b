package dev.stratus.compute.node.network.plan;

import java.util.List;

/**
 * A metering label applied to a router: a counter of the router's external traffic that matches the label's
 * rules. A label applies to every router of its project, and a shared label to every router.
 *
 * @param projectId the label's project, reported with its counts (Neutron's {@code tenant_id})
 * @param shared whether it applies to every project's routers
 */
public record MeteringLabel(String labelId, String projectId, boolean shared, List<MeteringRule> rules) {

    /** Whether the label counts the traffic of a router of this project. */
    public boolean appliesTo(String routerProjectId) {
        return shared || (projectId != null && projectId.equals(routerProjectId));
    }

    public MeteringLabel {
        PlanChecks.id(labelId, "metering label");
        rules = PlanChecks.list(rules);
    }
}
