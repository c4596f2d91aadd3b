package dev.stratus.compute.node.network.plan;

import dev.stratus.compute.node.network.PlumbingNames;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A network with something on this host (a port, a router interface or gateway, or the host's DHCP agent): its
 * bridge and, when a subnet has DHCP, its DHCP server.
 *
 * @param mtu the network's MTU, set on its bridge and namespace interfaces and handed out by DHCP; 0 leaves
 *        the kernel's
 * @param physicalBridge null for a tenant network (the host makes {@code brq<id>}); for a flat
 *        external/provider network, the existing host bridge to use, which is never created, changed or removed
 * @param dhcp null when no subnet has DHCP
 * @param remoteDhcpClients ports of the network bound to other hosts that this host's DHCP server answers too
 *        (a network scheduled to this host's DHCP agent serves every port of the network); only their MAC,
 *        addresses, host name and DHCP options count
 */
public record NetworkPlumbing(String networkId, int mtu, String physicalBridge, DhcpServer dhcp,
        List<SubnetPlumbing> subnets, List<PortPlumbing> remoteDhcpClients) {

    /** A network whose DHCP server answers this host's ports only. */
    public NetworkPlumbing(String networkId, int mtu, String physicalBridge, DhcpServer dhcp,
            List<SubnetPlumbing> subnets) {
        this(networkId, mtu, physicalBridge, dhcp, subnets, List.of());
    }

    public NetworkPlumbing {
        PlanChecks.id(networkId, "network");
        if (mtu < 0 || mtu > 65535) {
            throw new IllegalArgumentException("network " + networkId + ": MTU " + mtu + " is out of range");
        }
        if (physicalBridge != null) {
            PlanChecks.interfaceName(physicalBridge, "network " + networkId);
        }
        subnets = PlanChecks.list(subnets);
        remoteDhcpClients = PlanChecks.list(remoteDhcpClients);
        Set<String> ids = new HashSet<>();
        for (SubnetPlumbing subnet : subnets) {
            if (!ids.add(subnet.subnetId())) {
                throw new IllegalArgumentException("network " + networkId + ": subnet " + subnet.subnetId() + " twice");
            }
        }
        if (dhcp != null) {
            for (FixedIp address : dhcp.addresses()) {
                SubnetPlumbing subnet = subnets.stream().filter(s -> s.subnetId().equals(address.subnetId()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("network " + networkId
                                + ": the DHCP port's subnet " + address.subnetId() + " is not the network's"));
                if (!subnet.prefix().contains(address.address())) {
                    throw new IllegalArgumentException("network " + networkId + ": DHCP address "
                            + address.ipAddress() + " is outside " + subnet.cidr());
                }
            }
        }
    }

    /** The bridge its NICs attach to: the physical bridge, else {@code brq<id>}. */
    public String bridge() {
        return physicalBridge != null ? physicalBridge : PlumbingNames.bridgeName(networkId);
    }

    public boolean ownsBridge() {
        return physicalBridge == null;
    }

    public Optional<SubnetPlumbing> subnet(String subnetId) {
        return subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst();
    }

    /** The subnets the DHCP server serves ({@link SubnetPlumbing#servedByDhcp}), IPv4 and IPv6. */
    public List<SubnetPlumbing> dhcpSubnets() {
        if (dhcp == null) {
            return List.of();
        }
        return subnets.stream().filter(SubnetPlumbing::servedByDhcp).toList();
    }

    /** Whether a DHCP server runs: the DHCP port has an address in a subnet it serves. */
    public boolean servesDhcp() {
        return !dhcpSubnets().isEmpty()
                && dhcp.addresses().stream().anyMatch(a -> subnet(a.subnetId()).map(SubnetPlumbing::servedByDhcp)
                        .orElse(false));
    }
}
