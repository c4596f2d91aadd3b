package dev.stratus.network.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.AgentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Neutron's automatic DHCP failover ({@code allow_automatic_dhcp_failover}): every half {@code agent_down_time}, the
 * networks of DHCP agents silent for twice {@code agent_down_time} leave them for the alive, enabled agents the
 * scheduler picks, and the silent agents' hosts are told (should they come back, they stop serving those networks).
 * Nothing moves while no DHCP agent could take a network, nor in the first {@code agent_down_time} after start-up,
 * which gives the hosts time to report to a restarted service.
 */
@ApplicationScoped
public class DhcpFailover {

    private static final Logger LOG = Logger.getLogger(DhcpFailover.class);

    private final AgentRepository agents;
    private final DhcpAgentScheduler scheduler;
    private final NetworkChanges changes;
    private final NetworkSettings settings;
    private ScheduledExecutorService timer;

    public DhcpFailover(AgentRepository agents, DhcpAgentScheduler scheduler, NetworkChanges changes,
            NetworkSettings settings) {
        this.agents = agents;
        this.scheduler = scheduler;
        this.changes = changes;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.allowAutomaticDhcpFailover()) {
            return;
        }
        long downTime = Math.max(1, settings.agentDownTime());
        timer = DaemonThreads.timer("network-dhcp-failover");
        timer.scheduleWithFixedDelay(this::guarded, downTime, Math.max(1, downTime / 2), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void guarded() {
        try {
            failOver();
        } catch (RuntimeException e) {
            LOG.warnf("DHCP failover failed: %s", e.toString());
        }
    }

    /** One pass: moves every network off the DHCP agents silent for twice the down time; returns how many moved. */
    public int failOver() {
        List<AgentRepository.DhcpBinding> stale = agents.bindingsOfDhcpAgentsSilentFor(2.0 * settings.agentDownTime());
        if (stale.isEmpty() || !agents.anyDhcpCandidate()) {
            return 0;
        }
        int moved = 0;
        for (AgentRepository.DhcpBinding binding : stale) {
            boolean unbound = QuarkusTransaction.requiringNew().call(() -> {
                agents.lockScheduling(binding.networkId());
                if (!agents.unbind(binding.networkId(), binding.agentId())) {
                    return false; // moved meanwhile by another process, or by an admin
                }
                changes.changed(NetworkChange.Kind.NETWORK, List.of(binding.networkId()), List.of(binding.host()),
                        List.of());
                return true;
            });
            if (unbound) {
                LOG.warnf("Network %s leaves the DHCP agent of %s, silent for over %d s", binding.networkId(),
                        binding.host(), 2 * settings.agentDownTime());
                QuarkusTransaction.requiringNew().run(() -> scheduler.ensureHosted(binding.networkId()));
                moved++;
            }
        }
        return moved;
    }
}
