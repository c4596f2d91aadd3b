package dev.stratus.network.service;

import dev.stratus.network.persistence.listing.Where;

/**
 * What a caller sees of each resource, as SQL over the listing aliases, the way Neutron's query hooks scope
 * non-admin queries: own resources; shared and external networks; subnets of own and shared networks; ports on
 * own networks; rules of own groups; own and shared subnet pools. Admins and services see everything.
 */
public final class Visibility {

    private Visibility() {
    }

    public static Where networks(Caller c) {
        return c.seesAll() ? new Where()
                : new Where().and("n.project_id = ? or n.shared or n.router_external", c.projectId());
    }

    public static Where subnets(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("s.project_id = ? or exists (select 1 from networks sn "
                + "where sn.id = s.network_id and (sn.project_id = ? or sn.shared))", c.projectId(), c.projectId());
    }

    public static Where ports(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("p.project_id = ? or exists (select 1 from networks pn "
                + "where pn.id = p.network_id and pn.project_id = ?)", c.projectId(), c.projectId());
    }

    public static Where securityGroups(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("g.project_id = ?", c.projectId());
    }

    public static Where securityGroupRules(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("r.project_id = ? or exists (select 1 from security_groups "
                + "rg where rg.id = r.security_group_id and rg.project_id = ?)", c.projectId(), c.projectId());
    }

    public static Where routers(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("r.project_id = ?", c.projectId());
    }

    /** Own and shared subnet pools (Neutron's get_subnetpool: owner, or shared_subnetpools). */
    public static Where subnetPools(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("sp.project_id = ? or sp.shared", c.projectId());
    }

    public static Where floatingIps(Caller c) {
        return c.seesAll() ? new Where() : new Where().and("f.project_id = ?", c.projectId());
    }
}
