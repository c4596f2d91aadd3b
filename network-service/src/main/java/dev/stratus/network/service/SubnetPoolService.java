package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.SubnetPoolFaults;
import dev.stratus.network.ipam.PrefixSet;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.SubnetPoolRepository;
import dev.stratus.network.persistence.SubnetPoolRow;
import dev.stratus.network.persistence.TagRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subnet pools (Neutron's subnet_allocation and default-subnetpools): their prefixes only grow, their prefix
 * length bounds hold together, one default per IP version, and a pool subnets were allocated from stays.
 */
@ApplicationScoped
public class SubnetPoolService {

    /** Attributes only an admin may set on create (Neutron's create_subnetpool:shared and :is_default). */
    private static final List<String> ADMIN_ATTRIBUTES = List.of("shared", "is_default");

    private final SubnetPoolRepository pools;
    private final TagRepository tags;
    private final VisibleResources visible;
    private final Access access;
    private final Db db;

    public SubnetPoolService(SubnetPoolRepository pools, TagRepository tags, VisibleResources visible, Access access,
            Db db) {
        this.db = db;
        this.pools = pools;
        this.tags = tags;
        this.visible = visible;
        this.access = access;
    }

    public List<SubnetPoolDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_subnetpool");
        return details(pools.list(query, Visibility.subnetPools(caller))
                .orElseThrow(() -> SubnetPoolFaults.notFound(query.marker())));
    }

    public SubnetPoolDetails get(Caller caller, String id) {
        return details(List.of(visible.subnetPool(caller, id))).get(0);
    }

    @Transactional
    public List<SubnetPoolDetails> create(Caller caller, List<RequestBody> bodies) {
        List<SubnetPoolRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            created.add(create(caller, b));
        }
        return details(created);
    }

    private SubnetPoolRow create(Caller caller, RequestBody b) {
        List<String> adminOnly = caller.admin() ? List.of()
                : b.explicitlySet().stream().filter(ADMIN_ATTRIBUTES::contains).toList();
        access.require(caller.admin() || caller.member(), "create_subnetpool", adminOnly);
        String project = access.owningProject(caller, b.string("project_id"));
        PrefixSet prefixes = SubnetPoolRules.prefixes(b.list("prefixes"));
        int version = prefixes.cidrs().get(0).version();
        SubnetPoolRules.Shape shape = SubnetPoolRules.shape(version, prefixes.cidrs(), b.integer("min_prefixlen"),
                b.integer("max_prefixlen"), b.integer("default_prefixlen"));
        if (b.bool("is_default")) {
            requireNoDefault(version);
        }
        noAddressScope(b);
        SubnetPoolRow row = new SubnetPoolRow(UUID.randomUUID().toString(), project, b.string("name"), version,
                shape.defaultPrefixlen(), shape.minPrefixlen(), shape.maxPrefixlen(), b.integer("default_quota"),
                b.bool("shared"), b.bool("is_default"), null, shape.prefixes(),
                new StandardAttributes(b.string("description"), 1, null, null));
        pools.insert(row);
        return pools.find(row.id()).orElseThrow();
    }

    /**
     * Neutron's update: the given attributes over the stored ones, read again as on create; the new prefixes must
     * hold every old address ("Existing prefixes must be a subset of the new prefixes").
     */
    @Transactional
    public SubnetPoolDetails update(Caller caller, String id, RequestBody b) {
        SubnetPoolRow pool = visible.subnetPool(caller, id);
        boolean mayWrite = caller.canWrite(pool.projectId());
        access.requireChange(mayWrite, true, "update_subnetpool");
        if (!caller.admin() && b.given("is_default")) {
            access.require(false, "update_subnetpool", List.of("is_default"));
        }
        pool = pools.lock(id).orElseThrow(() -> SubnetPoolFaults.notFound(id));
        PrefixSet prefixes = PrefixSet.of(pool.ipVersion(), pool.prefixes());
        if (b.given("prefixes")) {
            PrefixSet requested = SubnetPoolRules.prefixes(b.list("prefixes"));
            if (requested.cidrs().get(0).version() != pool.ipVersion()) {
                throw SubnetPoolFaults.prefixVersionMismatch();
            }
            if (!prefixes.subsetOf(requested)) {
                throw SubnetPoolFaults.illegalPrefixUpdate("Existing prefixes must be a subset of the new prefixes");
            }
            prefixes = requested;
        }
        SubnetPoolRules.Shape shape = SubnetPoolRules.shape(pool.ipVersion(), prefixes.cidrs(),
                b.given("min_prefixlen") ? b.integer("min_prefixlen") : pool.minPrefixlen(),
                b.given("max_prefixlen") ? b.integer("max_prefixlen") : pool.maxPrefixlen(),
                b.given("default_prefixlen") ? b.integer("default_prefixlen") : pool.defaultPrefixlen());
        if (b.given("is_default") && b.bool("is_default") && !pool.isDefault()) {
            requireNoDefault(pool.ipVersion());
        }
        noAddressScope(b);
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String name : List.of("name", "description", "is_default", "default_quota")) {
            if (b.given(name)) {
                columns.put(name, b.get(name));
            }
        }
        columns.put("min_prefixlen", shape.minPrefixlen());
        columns.put("max_prefixlen", shape.maxPrefixlen());
        columns.put("default_prefixlen", shape.defaultPrefixlen());
        pools.update(id, columns);
        if (b.given("prefixes")) {
            pools.replacePrefixes(id, shape.prefixes());
        }
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        SubnetPoolRow pool = visible.subnetPool(caller, id);
        access.requireChange(caller.canWrite(pool.projectId()), true, "delete_subnetpool");
        pools.lock(id).orElseThrow(() -> SubnetPoolFaults.notFound(id));
        if (pools.inUse(id)) {
            throw SubnetPoolFaults.deleteError("Subnet pool has existing allocations");
        }
        tags.removeAll("subnetpools", id);
        pools.delete(id);
    }

    public List<SubnetPoolDetails> details(List<SubnetPoolRow> rows) {
        Map<String, List<String>> tagsById = tags.tags("subnetpools", rows.stream().map(SubnetPoolRow::id).toList());
        return rows.stream().map(p -> new SubnetPoolDetails(p, tagsById.getOrDefault(p.id(), List.of()))).toList();
    }

    /** Concurrent requests for a default pool take turns, so the second gets Neutron's fault, not the key's. */
    private void requireNoDefault(int version) {
        db.lock("default-subnetpool", Integer.toString(version));
        if (pools.findDefault(version, new Where()).isPresent()) {
            throw SubnetPoolFaults.defaultExists();
        }
    }

    /** Address scopes are not built: there is none a pool could name (Neutron's AddressScopeNotFound). */
    private static void noAddressScope(RequestBody b) {
        String scope = b.string("address_scope_id");
        if (scope != null) {
            throw Faults.notFound("AddressScopeNotFound", "Address scope " + scope + " could not be found.");
        }
    }
}
