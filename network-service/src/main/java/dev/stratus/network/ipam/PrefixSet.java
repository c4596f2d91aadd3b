package dev.stratus.network.ipam;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of addresses of one IP version held as disjoint, sorted ranges, with the operations netaddr's IPSet gives
 * Neutron's subnet pools: union, difference, subset, and the fewest CIDRs that cover the set ({@code iter_cidrs}
 * after {@code compact}).
 */
public final class PrefixSet {

    private record Span(BigInteger first, BigInteger last) {
    }

    private final int version;
    private final List<Span> spans;

    private PrefixSet(int version, List<Span> spans) {
        this.version = version;
        this.spans = spans;
    }

    /** The union of the CIDRs (all of {@code version}). */
    public static PrefixSet of(int version, List<Cidr> cidrs) {
        List<Span> raw = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (c.version() != version) {
                throw new IllegalArgumentException("IPv" + c.version() + " prefix in an IPv" + version + " set");
            }
            raw.add(new Span(c.first().value(), c.last().value()));
        }
        raw.sort(Comparator.comparing(Span::first));
        List<Span> merged = new ArrayList<>();
        for (Span s : raw) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && s.first().compareTo(last.last().add(BigInteger.ONE)) <= 0) {
                merged.set(merged.size() - 1, new Span(last.first(), last.last().max(s.last())));
            } else {
                merged.add(s);
            }
        }
        return new PrefixSet(version, merged);
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** The addresses of this set that are not in {@code other}. */
    public PrefixSet minus(PrefixSet other) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            BigInteger start = s.first();
            for (Span o : other.spans) {
                if (o.last().compareTo(start) < 0 || o.first().compareTo(s.last()) > 0) {
                    continue;
                }
                if (o.first().compareTo(start) > 0) {
                    out.add(new Span(start, o.first().subtract(BigInteger.ONE)));
                }
                start = o.last().add(BigInteger.ONE);
                if (start.compareTo(s.last()) > 0) {
                    break;
                }
            }
            if (start.compareTo(s.last()) <= 0) {
                out.add(new Span(start, s.last()));
            }
        }
        return new PrefixSet(version, out);
    }

    /** Every address of this set is in {@code other}. */
    public boolean subsetOf(PrefixSet other) {
        return minus(other).isEmpty();
    }

    /** The fewest CIDRs covering exactly this set, in address order. */
    public List<Cidr> cidrs() {
        int bits = IpAddress.bits(version);
        List<Cidr> out = new ArrayList<>();
        for (Span s : spans) {
            BigInteger start = s.first();
            while (start.compareTo(s.last()) <= 0) {
                int hostBits = start.signum() == 0 ? bits : start.getLowestSetBit();
                BigInteger remaining = s.last().subtract(start).add(BigInteger.ONE);
                while (BigInteger.ONE.shiftLeft(hostBits).compareTo(remaining) > 0) {
                    hostBits--;
                }
                out.add(new Cidr(new IpAddress(version, start), bits - hostBits));
                start = start.add(BigInteger.ONE.shiftLeft(hostBits));
            }
        }
        return out;
    }
}
