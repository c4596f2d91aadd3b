package dev.stratus.compute.node.network.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A router hosted here: a namespace with an interface on each tenant subnet, a gateway on the external
 * network, source NAT and floating IPs.
 *
 * @param gateway null for a router without external gateway (it routes between its subnets only)
 * @param floatingIps need a gateway
 * @param meteringLabels the metering labels that count the traffic crossing the gateway (none without one)
 */
public record RouterPlumbing(String routerId, ExternalGateway gateway, List<RouterInterface> interfaces,
        List<FloatingIpNat> floatingIps, List<MeteringLabel> meteringLabels) {

    public RouterPlumbing {
        PlanChecks.id(routerId, "router");
        interfaces = PlanChecks.list(interfaces);
        floatingIps = PlanChecks.list(floatingIps);
        meteringLabels = PlanChecks.list(meteringLabels);
        Set<String> labels = new HashSet<>();
        for (MeteringLabel label : meteringLabels) {
            if (!labels.add(label.labelId())) {
                throw new IllegalArgumentException("router " + routerId + ": metering label " + label.labelId()
                        + " twice");
            }
        }
        if (gateway == null && !floatingIps.isEmpty()) {
            throw new IllegalArgumentException("router " + routerId + " has floating IPs but no external gateway");
        }
        Set<String> floating = new HashSet<>();
        for (FloatingIpNat nat : floatingIps) {
            if (!floating.add(nat.floatingIp())) {
                throw new IllegalArgumentException("router " + routerId + ": floating IP " + nat.floatingIp()
                        + " twice");
            }
        }
    }

    /** A router without metering labels. */
    public RouterPlumbing(String routerId, ExternalGateway gateway, List<RouterInterface> interfaces,
            List<FloatingIpNat> floatingIps) {
        this(routerId, gateway, interfaces, floatingIps, List.of());
    }
}
