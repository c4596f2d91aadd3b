package dev.stratus.network.service;

import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.StructuredValues.PoolRequest;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.ipam.AllocationPools;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
import dev.stratus.network.ipam.Ipv6Modes;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Neutron's checks of a subnet's addressing (db_base_plugin_v2._validate_subnet and the IPAM's pool checks). */
@ApplicationScoped
public class SubnetRules {

    private final NetworkSettings settings;

    public SubnetRules(NetworkSettings settings) {
        this.settings = settings;
    }

    public Cidr cidr(String text, int ipVersion, boolean enableDhcp) {
        Cidr cidr = Cidr.of(text);
        versionMatches(ipVersion, cidr.version(), "cidr", text);
        if (cidr.prefixLength() == 0) {
            throw Faults.invalidInput("0 is not allowed as CIDR prefix length");
        }
        if (ipVersion == 6 && cidr.first().value().signum() == 0) {
            throw Faults.invalidInput("IPv6 subnet '::' is not supported");
        }
        if (enableDhcp) {
            dhcpCapable(cidr);
        }
        return cidr;
    }

    public void dhcpCapable(Cidr cidr) {
        if ((cidr.version() == 4 && cidr.prefixLength() > 30) || (cidr.version() == 6 && cidr.prefixLength() > 126)) {
            throw Faults.invalidInput("Subnet has a prefix length that is incompatible with DHCP service enabled");
        }
        if (cidr.version() == 4 && cidr.first().value().shiftRight(28).intValue() == 14
                || cidr.version() == 6 && cidr.first().value().shiftRight(120).intValue() == 0xff) {
            throw Faults.invalidInput("Multicast IP subnet is not supported if enable_dhcp is True");
        }
        if (cidr.version() == 4 && cidr.first().value().shiftRight(24).intValue() == 127
                || cidr.version() == 6 && cidr.prefixLength() == 128 && cidr.first().value().intValue() == 1) {
            throw Faults.invalidInput("Loopback IP subnet is not supported if enable_dhcp is True");
        }
        if (cidr.version() == 4 && cidr.first().value().signum() == 0) {
            throw Faults.invalidInput("First IP '0.0.0.0' of network is not supported if enable_dhcp is True.");
        }
    }

    /** The gateway: as given (null for none), else the CIDR's first host. */
    public IpAddress gateway(Cidr cidr, boolean given, String value) {
        if (given) {
            if (value == null) {
                return null;
            }
            IpAddress ip = IpAddress.of(value);
            versionMatches(cidr.version(), ip.version(), "gateway_ip", value);
            if (AllocationPools.gatewayInvalid(cidr, ip)) {
                throw Faults.invalidInput("Gateway is not valid on subnet");
            }
            return ip;
        }
        IpAddress first = cidr.first().plus(1);
        return cidr.contains(first) && cidr.size().compareTo(java.math.BigInteger.TWO) > 0 ? first : null;
    }

    /** Pools as given, checked against the CIDR and the gateway, or the default ones. */
    public List<IpRange> pools(Cidr cidr, IpAddress gateway, List<PoolRequest> requested) {
        if (requested == null) {
            return AllocationPools.generate(cidr, gateway);
        }
        List<IpRange> pools = new ArrayList<>();
        IpRange usable = AllocationPools.usable(cidr);
        for (PoolRequest r : requested) {
            IpAddress start = IpAddress.of(r.start());
            IpAddress end = IpAddress.of(r.end());
            String text = "{'start': '" + r.start() + "', 'end': '" + r.end() + "'}";
            if (start.version() != end.version() || start.compareTo(end) > 0) {
                throw CoreFaults.invalidAllocationPool(text);
            }
            IpRange pool = new IpRange(start, end);
            if (start.version() != cidr.version()) {
                throw CoreFaults.invalidAllocationPool(pool.toString());
            }
            if (start.compareTo(usable.first()) < 0 || end.compareTo(usable.last()) > 0) {
                throw CoreFaults.outOfBoundsAllocationPool(pool.toString(), cidr.toString());
            }
            pools.add(pool);
        }
        for (int i = 0; i < pools.size(); i++) {
            for (int j = i + 1; j < pools.size(); j++) {
                if (pools.get(i).overlaps(pools.get(j))) {
                    throw CoreFaults.overlappingAllocationPools(pools.get(i).toString(), pools.get(j).toString(),
                            cidr.toString());
                }
            }
        }
        gatewayOutsidePools(gateway, pools);
        return pools;
    }

    public void gatewayOutsidePools(IpAddress gateway, List<IpRange> pools) {
        if (gateway == null) {
            return;
        }
        for (IpRange pool : pools) {
            if (pool.contains(gateway)) {
                throw CoreFaults.gatewayConflictWithAllocationPools(pool.toString(), gateway.toString());
            }
        }
    }

    public void overlapsNone(Cidr cidr, String networkId, List<SubnetRow> others) {
        for (SubnetRow other : others) {
            if (other.network().overlaps(cidr)) {
                throw Faults.invalidInput("Requested subnet with cidr: " + cidr + " for network: " + networkId
                        + " overlaps with another subnet");
            }
        }
    }

    public void nameservers(String subnetId, int ipVersion, List<String> servers) {
        if (servers.size() > settings.maxDnsNameservers()) {
            throw CoreFaults.dnsNameserversExhausted(subnetId, settings.maxDnsNameservers());
        }
        for (String server : servers) {
            versionMatches(ipVersion, IpAddress.of(server).version(), "dns_nameserver", server);
        }
    }

    public void hostRoutes(String subnetId, int ipVersion, List<Route> routes) {
        if (routes.size() > settings.maxSubnetHostRoutes()) {
            throw CoreFaults.hostRoutesExhausted(subnetId, settings.maxSubnetHostRoutes());
        }
        for (Route route : routes) {
            if (Cidr.of(route.destination()).version() != ipVersion || IpAddress.of(route.nexthop()).version() != ipVersion) {
                throw Faults.invalidInput("Invalid route: {'destination': '" + route.destination() + "', 'nexthop': '"
                        + route.nexthop() + "'}");
            }
        }
    }

    public void ipv6Modes(int ipVersion, Cidr cidr, String raMode, String addressMode, boolean enableDhcp) {
        if (ipVersion == 4) {
            if (raMode != null) {
                throw Faults.invalidInput("ipv6_ra_mode is not valid when ip_version is 4");
            }
            if (addressMode != null) {
                throw Faults.invalidInput("ipv6_address_mode is not valid when ip_version is 4");
            }
            return;
        }
        if ((raMode != null || addressMode != null) && !enableDhcp) {
            throw Faults.invalidInput("ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to False");
        }
        if (raMode != null && addressMode != null && !raMode.equals(addressMode)) {
            throw Faults.invalidInput("ipv6_ra_mode set to '" + raMode + "' with ipv6_address_mode set to '"
                    + addressMode + "' is not valid. If both attributes are set, they must be the same value");
        }
        if (Ipv6Modes.autoAddress(raMode, addressMode) && cidr.prefixLength() != 64) {
            throw Faults.invalidInput("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack uses the EUI-64 "
                    + "address format, which requires the prefix to be /64");
        }
    }

    private static void versionMatches(int ipVersion, int actual, String name, String value) {
        if (ipVersion != actual) {
            throw Faults.invalidInput(name + " '" + value + "' does not match the ip_version '" + ipVersion + "'");
        }
    }
}
