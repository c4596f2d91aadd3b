package dev.stratus.network.ipam;

import java.math.BigInteger;

/** An inclusive range of addresses, e.g. one allocation pool of a subnet. */
public record IpRange(IpAddress first, IpAddress last) {

    public IpRange {
        if (first.version() != last.version()) {
            throw new IllegalArgumentException("range mixes IP versions");
        }
    }

    public boolean contains(IpAddress a) {
        return a.version() == first.version() && a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
    }

    public boolean overlaps(IpRange o) {
        return o.first.version() == first.version() && first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    public BigInteger size() {
        return last.value().subtract(first.value()).add(BigInteger.ONE);
    }

    /** As netaddr prints an IPRange (Neutron's pool messages use it). */
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
