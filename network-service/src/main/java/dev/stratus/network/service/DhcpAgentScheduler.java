package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.AgentRepository;
import dev.stratus.network.persistence.AgentRow;
import dev.stratus.network.persistence.NetworkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;

/**
 * Neutron's automatic DHCP scheduling: a network that gets DHCP (a DHCP-enabled subnet, or a port on a network that
 * has one) and is hosted by fewer than {@code dhcp_agents_per_network} DHCP agents is bound to the alive, enabled
 * DHCP agents that host the fewest networks; a DHCP agent that reports picks up the networks left without one
 * (Neutron's {@code network_auto_schedule}). The host of a new binding is told with a {@code NETWORK} change.
 */
@ApplicationScoped
public class DhcpAgentScheduler {

    private final AgentRepository agents;
    private final NetworkRepository networks;
    private final NetworkChanges changes;
    private final int perNetwork;

    public DhcpAgentScheduler(AgentRepository agents, NetworkRepository networks, NetworkChanges changes,
            NetworkSettings settings) {
        this.agents = agents;
        this.networks = networks;
        this.changes = changes;
        this.perNetwork = Math.max(1, settings.dhcpAgentsPerNetwork());
    }

    /**
     * Within the caller's transaction: binds the network to agents until it has enough, if there are agents to
     * take it. Cheap when it is already hosted (one query) or no agent can take it (two).
     */
    public void ensureHosted(String networkId) {
        if (agents.dhcpAgentIdsOf(networkId).size() >= perNetwork
                || agents.dhcpCandidates(networkId, 1).isEmpty()) {
            return;
        }
        if (networks.share(networkId).isEmpty()) {
            return;
        }
        agents.lockScheduling(networkId);
        int missing = perNetwork - agents.dhcpAgentIdsOf(networkId).size();
        if (missing <= 0) {
            return;
        }
        List<AgentRow> chosen = agents.dhcpCandidates(networkId, missing);
        chosen.forEach(a -> agents.bind(networkId, a.id()));
        if (!chosen.isEmpty()) {
            changes.changed(NetworkChange.Kind.NETWORK, List.of(networkId), chosen.stream().map(AgentRow::host).toList(),
                    List.of());
        }
    }

    /**
     * Schedules every network with DHCP that lacks agents (after a DHCP agent reported), each in a transaction of
     * its own, so that no lock is held longer than one network's scheduling.
     */
    public void scheduleUnhosted() {
        if (!agents.anyDhcpCandidate()) {
            return;
        }
        for (String networkId : agents.underHostedDhcpNetworks(perNetwork)) {
            QuarkusTransaction.requiringNew().run(() -> ensureHosted(networkId));
        }
    }
}
