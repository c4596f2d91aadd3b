package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Faults;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.FloatingIpRepository;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.QuotaRepository;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.SecurityGroupRepository;
import dev.stratus.network.persistence.SecurityGroupRuleRepository;
import dev.stratus.network.persistence.SubnetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-project limits (Neutron's DbQuotaDriver): the configured defaults, overridden per project. A check counts
 * the project's resources under a lock on (project, resource) held to the end of the creating transaction, so
 * that concurrent creates cannot both pass the last free unit.
 */
@ApplicationScoped
public class Quotas {

    public static final List<String> RESOURCES = List.of("network", "subnet", "port", "router", "floatingip",
            "security_group", "security_group_rule");

    private final NetworkSettings settings;
    private final QuotaRepository quotas;
    private final Db db;
    private final Map<String, Function<String, Long>> usage = new LinkedHashMap<>();

    public Quotas(NetworkSettings settings, QuotaRepository quotas, Db db, NetworkRepository networks,
            SubnetRepository subnets, PortRepository ports, RouterRepository routers, FloatingIpRepository floatingIps,
            SecurityGroupRepository groups, SecurityGroupRuleRepository rules) {
        this.settings = settings;
        this.quotas = quotas;
        this.db = db;
        usage.put("network", networks::countByProject);
        usage.put("subnet", subnets::countByProject);
        usage.put("port", ports::countByProject);
        usage.put("router", routers::countByProject);
        usage.put("floatingip", floatingIps::countByProject);
        usage.put("security_group", groups::countByProject);
        usage.put("security_group_rule", rules::countByProject);
    }

    public Map<String, Integer> defaults() {
        NetworkSettings.Quota q = settings.quota();
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("network", q.network());
        out.put("subnet", q.subnet());
        out.put("port", q.port());
        out.put("router", q.router());
        out.put("floatingip", q.floatingip());
        out.put("security_group", q.securityGroup());
        out.put("security_group_rule", q.securityGroupRule());
        return out;
    }

    /** The project's limits: defaults, overridden by its own. */
    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> out = defaults();
        quotas.limits(projectId).forEach((resource, limit) -> {
            if (out.containsKey(resource)) {
                out.put(resource, limit);
            }
        });
        return out;
    }

    public long used(String projectId, String resource) {
        return usage.get(resource).apply(projectId);
    }

    /** Fails with OverQuota unless the project may have {@code adding} more; call inside the creating transaction. */
    public void check(String projectId, String resource, int adding) {
        int limit = limits(projectId).get(resource);
        if (limit < 0) {
            return;
        }
        db.lock("quota-" + resource, projectId);
        if (used(projectId, resource) + adding > limit) {
            throw Faults.overQuota(resource);
        }
    }
}
