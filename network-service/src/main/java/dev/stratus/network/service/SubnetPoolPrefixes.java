package dev.stratus.network.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.SubnetPoolFaults;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.PrefixSet;
import dev.stratus.network.persistence.SubnetPoolRepository;
import dev.stratus.network.persistence.SubnetPoolRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Neutron's subnetpool-prefix-ops actions: {@code add_prefixes} merges prefixes into a pool (as an update with the
 * union would), {@code remove_prefixes} takes addresses out of it unless a subnet of the pool holds any of them.
 * Both answer the pool's resulting prefixes.
 */
@ApplicationScoped
public class SubnetPoolPrefixes {

    private final SubnetPoolRepository pools;
    private final VisibleResources visible;
    private final Access access;

    public SubnetPoolPrefixes(SubnetPoolRepository pools, VisibleResources visible, Access access) {
        this.pools = pools;
        this.visible = visible;
        this.access = access;
    }

    @Transactional
    public List<String> add(Caller caller, String id, JsonNode body) {
        List<String> requested = requested(body);
        SubnetPoolRow pool = locked(caller, id, "add_prefixes");
        List<String> all = new ArrayList<>(texts(pool.prefixes()));
        all.addAll(requested);
        PrefixSet merged = SubnetPoolRules.prefixes(all);
        if (merged.cidrs().get(0).version() != pool.ipVersion()) {
            throw SubnetPoolFaults.prefixVersionMismatch();
        }
        return store(id, merged.cidrs());
    }

    @Transactional
    public List<String> remove(Caller caller, String id, JsonNode body) {
        List<String> requested = requested(body);
        SubnetPoolRow pool = locked(caller, id, "remove_prefixes");
        List<Cidr> removal = requested.stream().map(Cidr::of).filter(c -> c.version() == pool.ipVersion()).toList();
        PrefixSet current = PrefixSet.of(pool.ipVersion(), pool.prefixes());
        PrefixSet removed = PrefixSet.of(pool.ipVersion(), removal);
        if (current.minus(removed).cidrs().equals(current.cidrs())) {
            return texts(pool.prefixes());
        }
        PrefixSet allocated = PrefixSet.of(pool.ipVersion(), pools.allocated(id, null));
        if (!allocated.minus(removed).cidrs().equals(allocated.cidrs())) {
            throw SubnetPoolFaults.illegalPrefixUpdate("One or more the prefixes to be removed is in use by a subnet.");
        }
        return store(id, current.minus(removed).cidrs());
    }

    private SubnetPoolRow locked(Caller caller, String id, String action) {
        SubnetPoolRow pool = visible.subnetPool(caller, id);
        access.requireChange(caller.canWrite(pool.projectId()), true, action);
        return pools.lock(id).orElseThrow(() -> SubnetPoolFaults.notFound(id));
    }

    private List<String> store(String id, List<Cidr> prefixes) {
        pools.replacePrefixes(id, prefixes);
        pools.update(id, Map.of());
        return texts(prefixes);
    }

    /** Neutron's get_operation_request_body: a non-empty list under "prefixes"; each must parse as a network. */
    private static List<String> requested(JsonNode body) {
        JsonNode prefixes = body == null || !body.isObject() ? null : body.get("prefixes");
        if (prefixes == null || !prefixes.isArray() || prefixes.isEmpty()) {
            throw Faults.badRequest("Request body contains invalid data");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : prefixes) {
            if (!p.isTextual() || Cidr.parse(p.asText()).isEmpty()) {
                throw Faults.invalid("AddrFormatError", "invalid IPNetwork " + p.asText());
            }
            out.add(p.asText());
        }
        return out;
    }

    private static List<String> texts(List<Cidr> cidrs) {
        return cidrs.stream().map(Cidr::toString).toList();
    }
}
