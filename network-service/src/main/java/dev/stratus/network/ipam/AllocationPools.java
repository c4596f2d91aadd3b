package dev.stratus.network.ipam;

import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of a subnet that ports get automatically, as Neutron computes and checks them: by default the
 * whole CIDR minus the network address, the IPv4 broadcast address and the gateway.
 */
public final class AllocationPools {

    private AllocationPools() {
    }

    /** The usable host range of a CIDR (Neutron keeps /31 and /32 IPv4 subnets whole). */
    public static IpRange usable(Cidr cidr) {
        if (cidr.size().equals(java.math.BigInteger.ONE)) {
            return new IpRange(cidr.first(), cidr.last());
        }
        if (cidr.version() == 4) {
            return cidr.prefixLength() <= 30 ? new IpRange(cidr.first().plus(1), cidr.last().plus(-1))
                    : new IpRange(cidr.first(), cidr.last());
        }
        return new IpRange(cidr.first().plus(1), cidr.last());
    }

    /** The default pools: the usable range with the gateway cut out of it. */
    public static List<IpRange> generate(Cidr cidr, IpAddress gateway) {
        IpRange all = usable(cidr);
        List<IpRange> pools = new ArrayList<>();
        if (gateway == null || !all.contains(gateway)) {
            pools.add(all);
            return pools;
        }
        if (gateway.compareTo(all.first()) > 0) {
            pools.add(new IpRange(all.first(), gateway.plus(-1)));
        }
        if (gateway.compareTo(all.last()) < 0) {
            pools.add(new IpRange(gateway.plus(1), all.last()));
        }
        return pools;
    }

    /** Whether an explicitly requested address may be given on the subnet (Neutron's check_subnet_ip). */
    public static boolean validForPort(Cidr cidr, IpAddress ip, boolean routerPort) {
        if (!cidr.contains(ip)) {
            return false;
        }
        if (cidr.version() == 4) {
            return cidr.size().compareTo(java.math.BigInteger.TWO) <= 0
                    || (!ip.equals(cidr.first()) && !ip.equals(cidr.last()));
        }
        return routerPort || !ip.equals(cidr.first());
    }

    /** Whether a gateway address cannot be used: inside the CIDR, but its IPv4 network or broadcast address. */
    public static boolean gatewayInvalid(Cidr cidr, IpAddress gateway) {
        return cidr.contains(gateway) && cidr.version() == 4
                && (gateway.equals(cidr.first()) || gateway.equals(cidr.last()));
    }
}
