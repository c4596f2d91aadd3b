package dev.stratus.network.service;

import dev.stratus.network.api.Faults;
import dev.stratus.network.api.SubnetPoolFaults;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.PrefixSet;
import dev.stratus.network.persistence.SubnetPoolRepository;
import dev.stratus.network.persistence.SubnetPoolRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Carves a subnet's CIDR out of a subnet pool as Neutron's SubnetAllocator does, under a lock on the pool's row
 * so that two creates never get the same prefix: the prefix length within the pool's bounds, the project's
 * quota of addresses, then either the first free block of that length in the smallest free prefix that holds
 * it, or the requested CIDR if it lies wholly in free space. A subnet's deletion frees its prefix.
 */
@ApplicationScoped
public class SubnetPoolAllocator {

    private final SubnetPoolRepository pools;
    private final VisibleResources visible;

    public SubnetPoolAllocator(SubnetPoolRepository pools, VisibleResources visible) {
        this.pools = pools;
        this.visible = visible;
    }

    /** The pool a subnet request names, by id or as its IP version's default (Neutron's _get_subnetpool_id). */
    public String poolId(Caller caller, String subnetpoolId, boolean useDefault, String cidr, Integer ipVersion) {
        if (useDefault && subnetpoolId != null) {
            throw Faults.badRequest("subnets", "subnetpool_id and use_default_subnetpool cannot both be specified");
        }
        if (subnetpoolId != null || !useDefault) {
            return subnetpoolId;
        }
        int version = cidr != null ? Cidr.of(cidr).version() : ipVersion;
        return pools.findDefault(version, Visibility.subnetPools(caller)).map(SubnetPoolRow::id)
                .orElseThrow(() -> Faults.badRequest("subnets", "No default subnetpool found for IPv" + version));
    }

    /** The default pool of an IP version that the caller sees, if there is one. */
    public Optional<SubnetPoolRow> defaultPool(Caller caller, int ipVersion) {
        return pools.findDefault(ipVersion, Visibility.subnetPools(caller));
    }

    /** The pool, visible to the caller, locked for the rest of the transaction, of the subnet's IP version. */
    public SubnetPoolRow lock(Caller caller, String id, int ipVersion) {
        visible.subnetPool(caller, id);
        SubnetPoolRow pool = pools.lock(id).orElseThrow(() -> SubnetPoolFaults.notFound(id));
        if (pool.ipVersion() != ipVersion) {
            throw Faults.badRequest("subnets", "Cannot allocate IPv" + ipVersion + " subnet from IPv"
                    + pool.ipVersion() + " subnet pool");
        }
        return pool;
    }

    /** Any free prefix of {@code prefixlen} bits (the pool's default when null). */
    public Cidr allocateAny(SubnetPoolRow pool, String projectId, Integer prefixlen) {
        int length = prefixlen != null ? prefixlen : pool.defaultPrefixlen();
        checkLength(pool, length);
        checkQuota(pool, projectId, length);
        List<Cidr> free = free(pool).cidrs().stream()
                .sorted(Comparator.comparingInt(Cidr::prefixLength).reversed()).toList();
        for (Cidr block : free) {
            if (length >= block.prefixLength()) {
                return new Cidr(block.first(), length);
            }
        }
        throw SubnetPoolFaults.allocationError("Insufficient prefix space to allocate subnet size /" + length);
    }

    /** The requested CIDR, if it lies in the pool's free space. */
    public Cidr allocateSpecific(SubnetPoolRow pool, String projectId, Cidr cidr) {
        checkLength(pool, cidr.prefixLength());
        checkQuota(pool, projectId, cidr.prefixLength());
        if (!PrefixSet.of(pool.ipVersion(), List.of(cidr)).subsetOf(free(pool))) {
            throw SubnetPoolFaults.allocationError("Cannot allocate requested subnet from the available set of "
                    + "prefixes");
        }
        return cidr;
    }

    private PrefixSet free(SubnetPoolRow pool) {
        return PrefixSet.of(pool.ipVersion(), pool.prefixes())
                .minus(PrefixSet.of(pool.ipVersion(), pools.allocated(pool.id(), null)));
    }

    private static void checkLength(SubnetPoolRow pool, int length) {
        if (length > pool.maxPrefixlen()) {
            throw SubnetPoolFaults.maxPrefix(length, pool.maxPrefixlen());
        }
        if (length < pool.minPrefixlen()) {
            throw SubnetPoolFaults.minPrefix(length, pool.minPrefixlen());
        }
    }

    /**
     * default_quota counts addresses for IPv4 and /64s for IPv6; 0 or none is no limit (Neutron tests it for
     * truth). Counted over the requesting project's subnets in the pool.
     */
    private void checkQuota(SubnetPoolRow pool, String projectId, int length) {
        Integer quota = pool.defaultQuota();
        if (quota == null || quota == 0) {
            return;
        }
        int unit = pool.ipVersion() == 4 ? 32 : 64;
        double used = pools.allocated(pool.id(), projectId).stream()
                .mapToDouble(c -> Math.pow(2, unit - c.prefixLength())).sum();
        if (used + Math.pow(2, unit - length) > quota) {
            throw SubnetPoolFaults.quotaExceeded();
        }
    }
}
