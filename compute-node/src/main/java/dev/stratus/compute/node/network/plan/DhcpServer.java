package dev.stratus.compute.node.network.plan;

import java.util.List;

/**
 * The network's DHCP port as this host plumbs it: a namespace interface with the port's MAC and its address
 * in each DHCP subnet.
 */
public record DhcpServer(String portId, String mac, List<FixedIp> addresses) {

    public DhcpServer {
        PlanChecks.id(portId, "DHCP port");
        mac = PlanChecks.mac(mac, "DHCP port " + portId);
        addresses = PlanChecks.list(addresses);
    }
}
