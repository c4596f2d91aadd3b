package dev.stratus.network.persistence;

import dev.stratus.network.ipam.Cidr;
import java.util.List;

/** A subnet pool and its prefixes (compacted, in address order). {@code defaultQuota} is null for none. */
public record SubnetPoolRow(String id, String projectId, String name, int ipVersion, int defaultPrefixlen,
        int minPrefixlen, int maxPrefixlen, Integer defaultQuota, boolean shared, boolean isDefault,
        String addressScopeId, List<Cidr> prefixes, StandardAttributes standard) {

    public SubnetPoolRow withPrefixes(List<Cidr> newPrefixes) {
        return new SubnetPoolRow(id, projectId, name, ipVersion, defaultPrefixlen, minPrefixlen, maxPrefixlen,
                defaultQuota, shared, isDefault, addressScopeId, newPrefixes, standard);
    }
}
