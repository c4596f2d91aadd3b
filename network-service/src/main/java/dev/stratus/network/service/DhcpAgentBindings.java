package dev.stratus.network.service;

import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.AgentFaults;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.AgentRepository;
import dev.stratus.network.persistence.AgentRow;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Neutron's DHCP agent scheduler API: which DHCP agents host a network, which networks an agent hosts, and an
 * admin's manual binding and unbinding. Policy as Neutron's default (admin only, a 403 naming the rule); the
 * {@code service} role reads. The agent's host is told of each change with a {@code NETWORK} change: it serves
 * DHCP for the networks bound to its agent as well as for those it has ports on.
 */
@ApplicationScoped
public class DhcpAgentBindings {

    private final AgentRepository agents;
    private final NetworkRepository networks;
    private final NetworkService networkService;
    private final Access access;
    private final NetworkChanges changes;

    public DhcpAgentBindings(AgentRepository agents, NetworkRepository networks, NetworkService networkService,
            Access access, NetworkChanges changes) {
        this.agents = agents;
        this.networks = networks;
        this.networkService = networkService;
        this.access = access;
        this.changes = changes;
    }

    /** {@code GET /v2.0/networks/{id}/dhcp-agents}: none for a network nobody hosts (or that does not exist). */
    public List<AgentRow> agentsHosting(Caller caller, String networkId) {
        access.require(caller.seesAll(), "get_dhcp-agents");
        return agents.findAll(agents.dhcpAgentIdsOf(networkId));
    }

    /** {@code GET /v2.0/agents/{id}/dhcp-networks}: an unknown agent is its 404. */
    public List<NetworkDetails> networksHostedBy(Caller caller, String agentId) {
        access.require(caller.seesAll(), "get_dhcp-networks");
        List<String> ids = agents.networkIdsOf(agentId);
        if (ids.isEmpty()) {
            agents.find(agentId).orElseThrow(() -> AgentFaults.agentNotFound(agentId));
            return List.of();
        }
        return networkService.details(networks.findAll(ids));
    }

    /** Neutron's checks in its order: the network, the agent, its type and state, an existing binding. */
    @Transactional
    public void add(Caller caller, String agentId, String networkId) {
        access.require(caller.admin(), "create_dhcp-network");
        NetworkRow network = networks.share(networkId).orElseThrow(() -> CoreFaults.networkNotFound(networkId));
        AgentRow agent = agents.lock(agentId).orElseThrow(() -> AgentFaults.agentNotFound(agentId));
        if (!NetworkAgentReport.DHCP.equals(agent.agentType()) || !agent.adminStateUp()) {
            throw AgentFaults.invalidDhcpAgent(agentId);
        }
        agents.lockScheduling(network.id());
        if (agents.dhcpAgentIdsOf(network.id()).contains(agentId)) {
            throw AgentFaults.networkHosted(networkId, agentId);
        }
        agents.bind(network.id(), agentId);
        changes.changed(NetworkChange.Kind.NETWORK, List.of(network.id()), List.of(agent.host()), List.of());
    }

    @Transactional
    public void remove(Caller caller, String agentId, String networkId) {
        access.require(caller.admin(), "delete_dhcp-network");
        AgentRow agent = agents.find(agentId).orElseThrow(() -> AgentFaults.agentNotFound(agentId));
        if (!agents.unbind(networkId, agentId)) {
            throw AgentFaults.networkNotHosted(networkId, agentId);
        }
        changes.changed(NetworkChange.Kind.NETWORK, List.of(networkId), List.of(agent.host()), List.of());
    }
}
