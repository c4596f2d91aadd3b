package dev.stratus.network.service;

import dev.stratus.network.api.SubnetPoolFaults;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.PrefixSet;
import java.util.List;

/**
 * Neutron's reading of a subnet pool (ipam/subnet_alloc.SubnetPoolReader and SubnetPoolHelper): the IP version
 * from the prefixes, which are compacted; prefix length bounds defaulting to 8 (IPv4) or 64 (IPv6) for the
 * minimum, the address size for the maximum and the minimum for the default, then checked against each other.
 */
public final class SubnetPoolRules {

    /** A pool's validated prefixes and prefix lengths. */
    public record Shape(int ipVersion, List<Cidr> prefixes, int minPrefixlen, int maxPrefixlen, int defaultPrefixlen) {
    }

    private SubnetPoolRules() {
    }

    /** The IP version of the prefixes and their compaction. */
    public static PrefixSet prefixes(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw SubnetPoolFaults.emptyPrefixList();
        }
        List<Cidr> cidrs = texts.stream().map(Cidr::of).toList();
        int version = cidrs.get(0).version();
        if (cidrs.stream().anyMatch(c -> c.version() != version)) {
            throw SubnetPoolFaults.prefixVersionMismatch();
        }
        return PrefixSet.of(version, cidrs);
    }

    /** Bounds as given (null: Neutron's defaults), checked as SubnetPoolHelper checks them. */
    public static Shape shape(int version, List<Cidr> prefixes, Integer min, Integer max, Integer defaultLength) {
        int addressBits = version == 4 ? 32 : 128;
        int minimum = min != null ? min : version == 4 ? 8 : 64;
        int maximum = max != null ? max : addressBits;
        int standard = defaultLength != null ? defaultLength : minimum;
        if (minimum > maximum) {
            throw SubnetPoolFaults.illegalBounds("min_prefixlen", minimum, "max_prefixlen", maximum);
        }
        if (maximum > addressBits) {
            throw SubnetPoolFaults.illegalBounds("max_prefixlen", maximum, "ip_version_max", addressBits);
        }
        if (standard < minimum) {
            throw SubnetPoolFaults.illegalBounds("default_prefixlen", standard, "min_prefixlen", minimum);
        }
        if (standard > maximum) {
            throw SubnetPoolFaults.illegalBounds("default_prefixlen", standard, "max_prefixlen", maximum);
        }
        return new Shape(version, prefixes, minimum, maximum, standard);
    }
}
