package dev.stratus.compute.node.network.plan;

import java.util.List;

/**
 * A port bound to this host: the guest NIC behind the tap {@code tapName(portId)}, its DHCP entry, its
 * security group rules and its anti-spoofing. Its MTU is its network's.
 *
 * @param hostname the name its DHCP entry hands out (Neutron's dns_name or the server's name); null gives
 *        {@code host-<address with dashes>}; characters a host name cannot have become dashes
 * @param portSecurityEnabled false: no filtering and no anti-spoofing for this port at all
 * @param rules the rules of all its security groups (ignored without port security)
 * @param dhcpOptions its extra DHCP options, answered to it alone
 */
public record PortPlumbing(String portId, String networkId, String mac, List<FixedIp> fixedIps, String hostname,
        boolean portSecurityEnabled, List<AllowedAddressPair> allowedAddressPairs, List<SecurityRule> rules,
        List<DhcpOption> dhcpOptions) {

    public PortPlumbing {
        PlanChecks.id(portId, "port");
        PlanChecks.id(networkId, "network");
        mac = PlanChecks.mac(mac, "port " + portId);
        fixedIps = PlanChecks.list(fixedIps);
        allowedAddressPairs = PlanChecks.list(allowedAddressPairs);
        rules = PlanChecks.list(rules);
        dhcpOptions = PlanChecks.list(dhcpOptions);
    }

    /** A port without extra DHCP options. */
    public PortPlumbing(String portId, String networkId, String mac, List<FixedIp> fixedIps, String hostname,
            boolean portSecurityEnabled, List<AllowedAddressPair> allowedAddressPairs, List<SecurityRule> rules) {
        this(portId, networkId, mac, fixedIps, hostname, portSecurityEnabled, allowedAddressPairs, rules, List.of());
    }
}
