package dev.stratus.network.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.network.persistence.AgentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies a host's {@link NetworkAgentReport}: each agent is registered on its first report (type and host name it)
 * and gets its heartbeat, start time and configurations recorded; a report with a DHCP agent then lets the
 * scheduler give the networks without a DHCP agent to it (in a transaction of its own, so that a scheduling
 * failure never costs the heartbeat).
 */
@ApplicationScoped
public class AgentReports {

    private static final Logger LOG = Logger.getLogger(AgentReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentRepository agents;
    private final DhcpAgentScheduler scheduler;

    public AgentReports(AgentRepository agents, DhcpAgentScheduler scheduler) {
        this.agents = agents;
        this.scheduler = scheduler;
    }

    public void apply(NetworkAgentReport report) {
        if (report.host() == null || report.host().isBlank()) {
            LOG.warnf("Agent report without a host ignored");
            return;
        }
        boolean dhcp = false;
        for (NetworkAgentReport.Agent agent : report.agents()) {
            if (agent.agentType() == null || agent.binary() == null) {
                LOG.warnf("Agent of host %s without a type or binary ignored", report.host());
                continue;
            }
            agents.report(report.host(), agent, json(agent), UUID.randomUUID().toString());
            dhcp |= NetworkAgentReport.DHCP.equals(agent.agentType());
        }
        if (dhcp) {
            scheduler.scheduleUnhosted();
        }
    }

    private static String json(NetworkAgentReport.Agent agent) {
        try {
            return JSON.writeValueAsString(agent.configurations());
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
