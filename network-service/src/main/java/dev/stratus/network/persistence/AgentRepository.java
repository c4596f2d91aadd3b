package dev.stratus.network.persistence;

import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Values;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code agents} table and the DHCP agent scheduler's {@code networkdhcpagentbindings}. An agent is alive while
 * its last heartbeat is younger than {@code agent_down_time}, measured by the database's clock (which also stamps
 * the heartbeats).
 */
@ApplicationScoped
public class AgentRepository {

    private static final String COLUMNS = "a.id, a.agent_type, a.agent_binary, a.topic, a.host, a.admin_state_up, "
            + "a.description, a.configurations, a.created_at, a.started_at, a.heartbeat_timestamp";
    private static final String ALIVE = "a.heartbeat_timestamp >= now() - make_interval(secs => ?)";

    private final Db db;
    private final int downTime;
    private final ResourceColumns listing;

    public AgentRepository(Db db, NetworkSettings settings) {
        this.db = db;
        this.downTime = settings.agentDownTime();
        this.listing = new ResourceColumns("agents", "a", "agents")
                .column("id", Column.text("a.id"))
                .column("agent_type", Column.text("a.agent_type"))
                .column("binary", Column.text("a.agent_binary"))
                .column("topic", Column.text("a.topic"))
                .column("host", Column.text("a.host"))
                .column("admin_state_up", Column.bool("a.admin_state_up"))
                .column("description", Column.nullableText("a.description"))
                .special("alive", values -> alive(values.get(0)));
    }

    /** Neutron reads the first {@code alive} value only. */
    private Where alive(String value) {
        boolean alive = Values.toBoolean(value);
        return new Where().and(alive ? ALIVE : "not (" + ALIVE + ")", (double) downTime);
    }

    public ResourceColumns listing() {
        return listing;
    }

    /** Seconds without a heartbeat after which an agent is down (Neutron's {@code agent_down_time}). */
    public int downTime() {
        return downTime;
    }

    /**
     * Registers the agent or records its heartbeat (type and host name it); returns its id. The heartbeat is the
     * database's time of the report.
     */
    public String report(String host, NetworkAgentReport.Agent agent, String configurations, String newId) {
        return db.one("insert into agents (id, agent_type, agent_binary, topic, host, configurations, created_at, "
                + "started_at, heartbeat_timestamp) values (?, ?, ?, ?, ?, ?, now(), ?, now()) "
                + "on conflict (agent_type, host) do update set agent_binary = excluded.agent_binary, "
                + "topic = excluded.topic, configurations = excluded.configurations, "
                + "started_at = excluded.started_at, heartbeat_timestamp = excluded.heartbeat_timestamp returning id",
                rs -> rs.getString(1), newId, agent.agentType(), agent.binary(), agent.topic(), host, configurations,
                agent.startedAt() == null ? Instant.now() : agent.startedAt()).orElseThrow();
    }

    public Optional<AgentRow> find(String id) {
        return db.one("select " + COLUMNS + " from agents a where a.id = ?", AgentRepository::agent, id);
    }

    /** The agent, locked until the transaction ends (its bindings change one writer at a time). */
    public Optional<AgentRow> lock(String id) {
        return db.one("select " + COLUMNS + " from agents a where a.id = ? for update", AgentRepository::agent, id);
    }

    public Optional<List<AgentRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, listing, query, visibility).map(page -> page.flip(
                db.list(page.sql(COLUMNS, listing.from()), AgentRepository::agent, page.where().params().toArray())));
    }

    public List<AgentRow> findAll(List<String> ids) {
        return ids.isEmpty() ? List.of() : db.list("select " + COLUMNS + " from agents a where a.id = any(?) "
                + "order by a.id", AgentRepository::agent, ids);
    }

    public void update(String id, boolean adminStateUp, String description) {
        db.update("update agents set admin_state_up = ?, description = ? where id = ?", adminStateUp, description, id);
    }

    /** Deletes the agent and, by the foreign key's cascade, its bindings. */
    public boolean delete(String id) {
        return db.update("delete from agents where id = ?", id) > 0;
    }

    public boolean isAlive(AgentRow agent) {
        return agent.heartbeatTimestamp().isAfter(Instant.now().minusSeconds(downTime));
    }

    // ---- DHCP agent bindings -------------------------------------------------------------------------------

    public List<String> dhcpAgentIdsOf(String networkId) {
        return db.list("select dhcp_agent_id from networkdhcpagentbindings where network_id = ? order by dhcp_agent_id",
                rs -> rs.getString(1), networkId);
    }

    public List<String> networkIdsOf(String agentId) {
        return db.list("select network_id from networkdhcpagentbindings where dhcp_agent_id = ? order by network_id",
                rs -> rs.getString(1), agentId);
    }

    /**
     * Scheduling of one network happens one transaction at a time: the caller holds (or here takes) the network's
     * key-share lock first, then this advisory lock, always in that order.
     */
    public void lockScheduling(String networkId) {
        db.lock("dhcp-agent-scheduler", networkId);
    }

    public void bind(String networkId, String agentId) {
        db.update("insert into networkdhcpagentbindings (network_id, dhcp_agent_id) values (?, ?) "
                + "on conflict do nothing", networkId, agentId);
    }

    public boolean unbind(String networkId, String agentId) {
        return db.update("delete from networkdhcpagentbindings where network_id = ? and dhcp_agent_id = ?",
                networkId, agentId) > 0;
    }

    /**
     * Alive, enabled DHCP agents that do not host the network, the least loaded (fewest networks) first: where the
     * scheduler places a network.
     */
    public List<AgentRow> dhcpCandidates(String networkId, int limit) {
        return db.list("select " + COLUMNS + " from agents a where a.agent_type = ? and a.admin_state_up and " + ALIVE
                + " and not exists (select 1 from networkdhcpagentbindings b where b.dhcp_agent_id = a.id "
                + "and b.network_id = ?) order by (select count(*) from networkdhcpagentbindings b "
                + "where b.dhcp_agent_id = a.id), a.created_at, a.id limit ?", AgentRepository::agent,
                NetworkAgentReport.DHCP, (double) downTime, networkId, limit);
    }

    /** Whether any DHCP agent could take a network now (alive and enabled). */
    public boolean anyDhcpCandidate() {
        return db.count("select count(*) from agents a where a.agent_type = ? and a.admin_state_up and " + ALIVE,
                NetworkAgentReport.DHCP, (double) downTime) > 0;
    }

    /** Networks with a DHCP-enabled subnet hosted by fewer than {@code wanted} DHCP agents. */
    public List<String> underHostedDhcpNetworks(int wanted) {
        return db.list("select n.id from networks n where exists (select 1 from subnets s where s.network_id = n.id "
                + "and s.enable_dhcp) and (select count(*) from networkdhcpagentbindings b where b.network_id = n.id)"
                + " < ? order by n.id", rs -> rs.getString(1), wanted);
    }

    /** A network's binding to a DHCP agent. */
    public record DhcpBinding(String networkId, String agentId, String host) {
    }

    /** The bindings of DHCP agents without a heartbeat for {@code seconds}, oldest heartbeat first. */
    public List<DhcpBinding> bindingsOfDhcpAgentsSilentFor(double seconds) {
        return db.list("select b.network_id, a.id, a.host from networkdhcpagentbindings b join agents a "
                + "on a.id = b.dhcp_agent_id where a.agent_type = ? "
                + "and a.heartbeat_timestamp < now() - make_interval(secs => ?) "
                + "order by a.heartbeat_timestamp, a.id, b.network_id",
                rs -> new DhcpBinding(rs.getString(1), rs.getString(2), rs.getString(3)), NetworkAgentReport.DHCP,
                seconds);
    }

    static AgentRow agent(ResultSet rs) throws SQLException {
        return new AgentRow(rs.getString("id"), rs.getString("agent_type"), rs.getString("agent_binary"),
                rs.getString("topic"), rs.getString("host"), rs.getBoolean("admin_state_up"),
                rs.getString("description"), rs.getString("configurations"), Db.instant(rs, "created_at"),
                Db.instant(rs, "started_at"), Db.instant(rs, "heartbeat_timestamp"));
    }
}
