package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.ExtraDhcpOpt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code port_extra_dhcp_opts} table: each port's extra DHCP options, one value per name and IP version.
 * They go with their port (on delete cascade).
 */
@ApplicationScoped
public class ExtraDhcpOptRepository {

    private final Db db;

    public ExtraDhcpOptRepository(Db db) {
        this.db = db;
    }

    /** The options of these ports, by port id, ordered by name then IP version; ports without any are absent. */
    public Map<String, List<ExtraDhcpOpt>> byPorts(List<String> portIds) {
        Map<String, List<ExtraDhcpOpt>> out = new HashMap<>();
        if (portIds.isEmpty()) {
            return out;
        }
        db.list("select port_id, opt_name, opt_value, ip_version from port_extra_dhcp_opts where port_id = any(?) "
                + "order by port_id, opt_name, ip_version", rs -> new Object[] {rs.getString(1),
                        new ExtraDhcpOpt(rs.getString(2), rs.getString(3), rs.getInt(4))}, portIds)
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((ExtraDhcpOpt) r[1]));
        return out;
    }

    /** Sets the option's value, adding it when the port does not have it. */
    public void put(String portId, ExtraDhcpOpt opt) {
        db.update("insert into port_extra_dhcp_opts (port_id, opt_name, ip_version, opt_value) values (?, ?, ?, ?) "
                + "on conflict (port_id, opt_name, ip_version) do update set opt_value = excluded.opt_value",
                portId, opt.optName(), opt.ipVersion(), opt.optValue());
    }

    public void remove(String portId, String optName, int ipVersion) {
        db.update("delete from port_extra_dhcp_opts where port_id = ? and opt_name = ? and ip_version = ?", portId,
                optName, ipVersion);
    }
}
