package dev.stratus.network.service;

import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.AgentFaults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.AgentRepository;
import dev.stratus.network.persistence.AgentRow;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Neutron's agent management: the agents the hosts report, admin-only as Neutron's default policy has them (a
 * project's list is empty, its show, update and delete the 404 of what it may not see). The {@code service} role
 * reads them too: the hosts read their DHCP agent's networks with it.
 */
@ApplicationScoped
public class AgentService {

    private final AgentRepository agents;
    private final Access access;
    private final NetworkChanges changes;

    public AgentService(AgentRepository agents, Access access, NetworkChanges changes) {
        this.agents = agents;
        this.access = access;
        this.changes = changes;
    }

    public List<AgentRow> list(Caller caller, ListQuery query) {
        Where visibility = caller.seesAll() ? new Where() : new Where().and("false");
        return agents.list(query, visibility).orElseThrow(() -> AgentFaults.agentNotFound(query.marker()));
    }

    public AgentRow get(Caller caller, String id) {
        AgentRow agent = agents.find(id).orElseThrow(() -> AgentFaults.agentNotFound(id));
        access.requireChange(caller.seesAll(), false, "get_agent");
        return agent;
    }

    /** Only {@code admin_state_up} and {@code description} may change. */
    @Transactional
    public AgentRow update(Caller caller, String id, RequestBody body) {
        AgentRow agent = agents.lock(id).orElseThrow(() -> AgentFaults.agentNotFound(id));
        access.requireChange(caller.admin(), caller.seesAll(), "update_agent");
        boolean up = body.given("admin_state_up") ? body.bool("admin_state_up") : agent.adminStateUp();
        agents.update(id, up, body.given("description") ? body.string("description") : agent.description());
        if (up != agent.adminStateUp()) {
            hostedNetworksChanged(agent);
        }
        return agents.find(id).orElseThrow(() -> AgentFaults.agentNotFound(id));
    }

    /** Deletes the agent and its bindings; a host that still runs it registers it again with its next report. */
    @Transactional
    public void delete(Caller caller, String id) {
        AgentRow agent = agents.find(id).orElseThrow(() -> AgentFaults.agentNotFound(id));
        access.requireChange(caller.admin(), caller.seesAll(), "delete_agent");
        hostedNetworksChanged(agent);
        if (!agents.delete(id)) {
            throw AgentFaults.agentNotFound(id);
        }
    }

    /** A DHCP agent's host serves its networks only while the agent exists and is enabled: tell the host. */
    private void hostedNetworksChanged(AgentRow agent) {
        if (NetworkAgentReport.DHCP.equals(agent.agentType())) {
            List<String> hosted = agents.networkIdsOf(agent.id());
            if (!hosted.isEmpty()) {
                changes.changed(NetworkChange.Kind.NETWORK, hosted, List.of(agent.host()), List.of());
            }
        }
    }
}
