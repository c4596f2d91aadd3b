package dev.stratus.network;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.common.persistence.Db;
import dev.stratus.network.service.AgentReports;
import dev.stratus.network.service.DhcpFailover;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents as the hosts report them (over the broker and directly) and the DHCP agent scheduler: what Tempest's
 * test_dhcp_agent_scheduler and test_agent_management_negative do, Neutron's bodies and faults, automatic
 * scheduling to the least loaded alive agent, and the changes that tell the hosts.
 */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class AgentsApiTest {

    private static List<NetworkChange> CHANGES = List.of();

    @Inject
    NetworkTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    AgentReports reports;

    @Inject
    Db db;

    @Inject
    DhcpFailover failover;

    @BeforeEach
    void fresh() throws Exception {
        CHANGES = ChangeRecorder.changes(messaging);
        // each test starts without agents (their bindings go with them)
        db.update("delete from agents");
    }

    private static NetworkAgentReport report(String host, boolean withMetering) {
        Instant started = Instant.parse("2026-12-07T08:00:00Z");
        List<NetworkAgentReport.Agent> agents = new java.util.ArrayList<>(List.of(
                new NetworkAgentReport.Agent(NetworkAgentReport.LINUX_BRIDGE, "neutron-linuxbridge-agent", "N/A",
                        started, Map.of("devices", 2, "bridge_mappings", Map.of())),
                new NetworkAgentReport.Agent(NetworkAgentReport.DHCP, "neutron-dhcp-agent", "dhcp_agent", started,
                        Map.of("networks", 1, "dhcp_driver", "dnsmasq")),
                new NetworkAgentReport.Agent(NetworkAgentReport.L3, "neutron-l3-agent", "l3_agent", started,
                        Map.of("routers", 0, "agent_mode", "legacy"))));
        if (withMetering) {
            agents.add(new NetworkAgentReport.Agent(NetworkAgentReport.METERING, "neutron-metering-agent",
                    "metering_agent", started, Map.of("measure_interval", 30)));
        }
        return new NetworkAgentReport(host, Instant.now(), agents);
    }

    private String agentId(Neutron admin, String host, String type) {
        return admin.request().queryParam("host", host).queryParam("agent_type", type).get("/v2.0/agents")
                .then().statusCode(200).body("agents.size()", equalTo(1)).extract().path("agents[0].id");
    }

    private static NetworkChange awaitChange(String networkId, String host, int after) {
        return Eventually.until(() -> CHANGES.stream().skip(after).filter(c -> c.kind() == NetworkChange.Kind.NETWORK
                && c.ids().contains(networkId) && c.hosts().contains(host)).findFirst().orElse(null),
                "NETWORK change of " + networkId + " for " + host + "; got " + CHANGES);
    }

    @Test
    void aHostsReportOverTheBrokerRegistersItsAgentsWithNeutronsBodies() throws Exception {
        messaging.cast(NetworkTopics.NETWORK, NetworkAgentReport.TYPE, report("agent-host-a", true))
                .get(10, TimeUnit.SECONDS);
        Neutron admin = new Neutron(keys.admin());
        Eventually.until(() -> admin.get("/v2.0/agents?host=agent-host-a").jsonPath().getList("agents").size() == 4
                ? true : null, "four agents of agent-host-a");
        admin.get("/v2.0/agents?host=agent-host-a").then().statusCode(200)
                .body("agents.agent_type", containsInAnyOrder("Linux bridge agent", "DHCP agent", "L3 agent",
                        "Metering agent"))
                .body("agents.binary", containsInAnyOrder("neutron-linuxbridge-agent", "neutron-dhcp-agent",
                        "neutron-l3-agent", "neutron-metering-agent"))
                .body("agents.topic", containsInAnyOrder("N/A", "dhcp_agent", "l3_agent", "metering_agent"));
        String dhcp = agentId(admin, "agent-host-a", "DHCP agent");
        JsonPath agent = admin.get("/v2.0/agents/" + dhcp).then().statusCode(200).extract().jsonPath()
                .setRootPath("agent");
        assertEquals(Map.of("networks", 1, "dhcp_driver", "dnsmasq"), agent.getMap("configurations"));
        assertTrue(agent.getBoolean("alive"));
        assertTrue(agent.getBoolean("admin_state_up"));
        assertEquals("nova", agent.getString("availability_zone"));
        assertEquals("2026-12-07 08:00:00", agent.getString("started_at"));
        String time = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
        admin.get("/v2.0/agents/" + dhcp).then()
                .body("agent.created_at", matchesPattern(time))
                .body("agent.heartbeat_timestamp", matchesPattern(time))
                .body("agent.description", nullValue())
                .body("agent.host", equalTo("agent-host-a"))
                .body("agent.keySet()", containsInAnyOrder("id", "agent_type", "binary", "topic", "host",
                        "admin_state_up", "created_at", "started_at", "heartbeat_timestamp", "alive", "configurations",
                        "description", "availability_zone"));
        String bridge = agentId(admin, "agent-host-a", "Linux bridge agent");
        admin.get("/v2.0/agents/" + bridge).then().body("agent.availability_zone", nullValue());
        admin.get("/v2.0/agents/" + dhcp + "?fields=id&fields=alive").then()
                .body("agent.keySet()", containsInAnyOrder("id", "alive"));
    }

    @Test
    void aSecondReportKeepsTheAgentAndMovesItsHeartbeat() {
        reports.apply(report("agent-host-b", false));
        Neutron admin = new Neutron(keys.admin());
        admin.get("/v2.0/agents?host=agent-host-b").then().body("agents.size()", equalTo(3));
        String id = agentId(admin, "agent-host-b", "L3 agent");
        db.update("update agents set heartbeat_timestamp = now() - interval '10 minutes' where host = ?",
                "agent-host-b");
        admin.get("/v2.0/agents/" + id).then().body("agent.alive", equalTo(false));
        admin.get("/v2.0/agents?host=agent-host-b&alive=false").then().body("agents.size()", equalTo(3));
        admin.get("/v2.0/agents?host=agent-host-b&alive=true").then().body("agents.size()", equalTo(0));
        reports.apply(report("agent-host-b", false));
        assertEquals(id, agentId(admin, "agent-host-b", "L3 agent"));
        admin.get("/v2.0/agents/" + id).then().body("agent.alive", equalTo(true));
        admin.get("/v2.0/agents?host=agent-host-b&alive=true").then().body("agents.size()", equalTo(3));
        admin.get("/v2.0/agents?binary=neutron-l3-agent&host=agent-host-b").then().body("agents.id",
                equalTo(List.of(id)));
        admin.get("/v2.0/agents?bogus=1").then().statusCode(400);
    }

    @Test
    void onlyAdminsSeeAgentsAndProjectsGetAnEmptyList() {
        reports.apply(report("agent-host-c", false));
        Neutron admin = new Neutron(keys.admin());
        String id = agentId(admin, "agent-host-c", "DHCP agent");
        Neutron member = new Neutron(keys.member("agent-alice", "agent-project"));
        member.get("/v2.0/agents").then().statusCode(200).body("agents", equalTo(List.of()));
        new Neutron(keys.reader("agent-rob", "agent-project")).get("/v2.0/agents").then().statusCode(200)
                .body("agents", equalTo(List.of()));
        member.get("/v2.0/agents/" + id).then().statusCode(404);
        member.put("/v2.0/agents/" + id, "{\"agent\":{\"admin_state_up\":false}}").then().statusCode(404);
        member.delete("/v2.0/agents/" + id).then().statusCode(404);
        // the hosts read with the service role
        new Neutron(keys.service()).get("/v2.0/agents?host=agent-host-c").then().body("agents.size()", equalTo(3));
        new Neutron(keys.service()).put("/v2.0/agents/" + id, "{\"agent\":{\"admin_state_up\":false}}").then()
                .statusCode(403);
        admin.get("/v2.0/agents/" + id).then().body("agent.admin_state_up", equalTo(true));
    }

    @Test
    void adminsUpdateStateAndDescriptionAndDeleteAgents() {
        reports.apply(report("agent-host-d", false));
        Neutron admin = new Neutron(keys.admin());
        String id = agentId(admin, "agent-host-d", "L3 agent");
        admin.put("/v2.0/agents/" + id, "{\"agent\":{\"admin_state_up\":false,\"description\":\"maintenance\"}}")
                .then().statusCode(200).body("agent.admin_state_up", equalTo(false))
                .body("agent.description", equalTo("maintenance")).body("agent.id", equalTo(id));
        admin.get("/v2.0/agents?host=agent-host-d&admin_state_up=false").then().body("agents.id",
                equalTo(List.of(id)));
        admin.put("/v2.0/agents/" + id, "{\"agent\":{\"description\":null}}").then().statusCode(200)
                .body("agent.description", nullValue()).body("agent.admin_state_up", equalTo(false));
        admin.put("/v2.0/agents/" + id, "{\"agent\":{\"host\":\"elsewhere\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Cannot update read-only attribute host"));
        admin.put("/v2.0/agents/" + id, "{\"agent\":{\"admin_state_up\":\"maybe\"}}").then().statusCode(400);
        admin.delete("/v2.0/agents/" + id).then().statusCode(204);
        admin.get("/v2.0/agents/" + id).then().statusCode(404).body("NeutronError.type", equalTo("AgentNotFound"))
                .body("NeutronError.message", equalTo("Agent " + id + " could not be found."));
        admin.delete("/v2.0/agents/" + id).then().statusCode(404);
        admin.put("/v2.0/agents/" + id, "{\"agent\":{\"description\":\"x\"}}").then().statusCode(404);
        // the host's next report registers it again, as a new agent
        reports.apply(report("agent-host-d", false));
        assertTrue(!id.equals(agentId(admin, "agent-host-d", "L3 agent")));
    }

    /** Tempest's DHCPAgentSchedulersTestJSON, step by step. */
    @Test
    void tempestsDhcpAgentSchedulerFlow() {
        reports.apply(report("agent-host-e", false));
        Neutron admin = new Neutron(keys.admin());
        Neutron member = new Neutron(keys.member("agent-bob", "agent-project-b"));
        String network = member.network("agents-net", false);
        member.subnet(network, "10.140.0.0/24");
        String port = member.portOn(network).getString("id");
        String dhcp = agentId(admin, "agent-host-e", "DHCP agent");

        admin.get("/v2.0/networks/" + network + "/dhcp-agents").then().statusCode(200)
                .body("agents.id", equalTo(List.of(dhcp))).body("agents[0].agent_type", equalTo("DHCP agent"))
                .body("agents[0].alive", equalTo(true));
        admin.get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().statusCode(200)
                .body("networks.id", hasItem(network)).body("networks[0].keySet()", hasItem("subnets"));

        member.delete("/v2.0/ports/" + port).then().statusCode(204);
        String other = member.network("agents-net-2", false);
        admin.get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().body("networks.id", not(hasItem(other)));
        int before = CHANGES.size();
        admin.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"" + other + "\"}").then()
                .statusCode(201).body(equalTo("null"));
        awaitChange(other, "agent-host-e", before);
        admin.get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().body("networks.id", hasItem(other));
        admin.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"" + other + "\"}").then()
                .statusCode(409).body("NeutronError.type", equalTo("NetworkHostedByDHCPAgent"))
                .body("NeutronError.message", equalTo("The network " + other
                        + " has been already hosted by the DHCP Agent " + dhcp + "."));
        int beforeRemove = CHANGES.size();
        // openstacksdk sends the network id in the DELETE's body too
        admin.request().body("{\"network_id\":\"" + other + "\"}").delete("/v2.0/agents/" + dhcp
                + "/dhcp-networks/" + other).then().statusCode(204);
        awaitChange(other, "agent-host-e", beforeRemove);
        admin.get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().body("networks.id", not(hasItem(other)));
        admin.delete("/v2.0/agents/" + dhcp + "/dhcp-networks/" + other).then().statusCode(409)
                .body("NeutronError.type", equalTo("NetworkNotHostedByDhcpAgent"))
                .body("NeutronError.message", equalTo("The network " + other + " is not hosted by the DHCP Agent "
                        + dhcp + "."));
        admin.get("/v2.0/networks/" + other + "/dhcp-agents").then().body("agents", equalTo(List.of()));
    }

    @Test
    void schedulerFaultsAndPolicy() {
        reports.apply(report("agent-host-f", false));
        Neutron admin = new Neutron(keys.admin());
        String dhcp = agentId(admin, "agent-host-f", "DHCP agent");
        String l3 = agentId(admin, "agent-host-f", "L3 agent");
        String network = admin.network("agents-faults", false);
        String unknown = "6a8cd5a5-0d8e-4a09-9b8e-7c0fa2f7b2d1";
        admin.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"" + unknown + "\"}").then()
                .statusCode(404).body("NeutronError.type", equalTo("NetworkNotFound"));
        admin.post("/v2.0/agents/" + unknown + "/dhcp-networks", "{\"network_id\":\"" + network + "\"}").then()
                .statusCode(404).body("NeutronError.type", equalTo("AgentNotFound"));
        admin.post("/v2.0/agents/" + l3 + "/dhcp-networks", "{\"network_id\":\"" + network + "\"}").then()
                .statusCode(404).body("NeutronError.type", equalTo("InvalidDHCPAgent"))
                .body("NeutronError.message", equalTo("Agent " + l3
                        + " is not a valid DHCP Agent or has been disabled."));
        admin.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"nope\"}").then().statusCode(400);
        admin.put("/v2.0/agents/" + dhcp, "{\"agent\":{\"admin_state_up\":false}}").then().statusCode(200);
        admin.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"" + network + "\"}").then()
                .statusCode(404).body("NeutronError.type", equalTo("InvalidDHCPAgent"));
        admin.get("/v2.0/agents/" + unknown + "/dhcp-networks").then().statusCode(404)
                .body("NeutronError.type", equalTo("AgentNotFound"));
        admin.delete("/v2.0/agents/" + unknown + "/dhcp-networks/" + network).then().statusCode(404);

        Neutron member = new Neutron(keys.member("agent-carol", "agent-project-c"));
        member.get("/v2.0/networks/" + network + "/dhcp-agents").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:get_dhcp-agents) is disallowed by policy"));
        member.get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:get_dhcp-networks) is disallowed by policy"));
        member.post("/v2.0/agents/" + dhcp + "/dhcp-networks", "{\"network_id\":\"" + network + "\"}").then()
                .statusCode(403).body("NeutronError.message",
                        equalTo("(rule:create_dhcp-network) is disallowed by policy"));
        member.delete("/v2.0/agents/" + dhcp + "/dhcp-networks/" + network).then().statusCode(403);
        new Neutron(keys.service()).get("/v2.0/agents/" + dhcp + "/dhcp-networks").then().statusCode(200);
    }

    @Test
    void networksGoToTheLeastLoadedAliveEnabledAgentOncePerNetwork() {
        reports.apply(report("agent-host-g", false));
        Neutron admin = new Neutron(keys.admin());
        String g = agentId(admin, "agent-host-g", "DHCP agent");
        String first = admin.network("sched-1", false);
        admin.subnet(first, "10.141.0.0/24");
        admin.get("/v2.0/networks/" + first + "/dhcp-agents").then().body("agents.id", equalTo(List.of(g)));

        reports.apply(report("agent-host-h", false));
        String h = agentId(admin, "agent-host-h", "DHCP agent");
        // the first network keeps its one agent (dhcp_agents_per_network = 1)
        admin.get("/v2.0/networks/" + first + "/dhcp-agents").then().body("agents.id", equalTo(List.of(g)));
        String second = admin.network("sched-2", false);
        int before = CHANGES.size();
        admin.subnet(second, "10.142.0.0/24");
        admin.get("/v2.0/networks/" + second + "/dhcp-agents").then().body("agents.id", equalTo(List.of(h)));
        awaitChange(second, "agent-host-h", before);

        // disabled and dead agents take nothing; a network without DHCP subnets is not scheduled
        admin.put("/v2.0/agents/" + g, "{\"agent\":{\"admin_state_up\":false}}").then().statusCode(200);
        db.update("update agents set heartbeat_timestamp = now() - interval '10 minutes' where id = ?", h);
        String third = admin.network("sched-3", false);
        admin.subnet(third, "10.143.0.0/24");
        String noDhcp = admin.network("sched-4", false);
        admin.subnet("{\"network_id\":\"" + noDhcp + "\",\"ip_version\":4,\"cidr\":\"10.144.0.0/24\","
                + "\"enable_dhcp\":false}");
        admin.get("/v2.0/networks/" + third + "/dhcp-agents").then().body("agents", equalTo(List.of()));

        // a port on a network with DHCP and no agent schedules it, once an agent can take it
        db.update("update agents set heartbeat_timestamp = now() where id = ?", h);
        admin.portOn(third);
        admin.get("/v2.0/networks/" + third + "/dhcp-agents").then().body("agents.id", equalTo(List.of(h)));
        admin.portOn(noDhcp);
        admin.get("/v2.0/networks/" + noDhcp + "/dhcp-agents").then().body("agents", equalTo(List.of()));
    }

    @Test
    void aReportingDhcpAgentPicksUpNetworksLeftWithoutOne() {
        Neutron admin = new Neutron(keys.admin());
        String orphan = admin.network("orphan", false);
        admin.subnet(orphan, "10.145.0.0/24");
        admin.get("/v2.0/networks/" + orphan + "/dhcp-agents").then().body("agents", equalTo(List.of()));
        reports.apply(report("agent-host-i", false));
        String i = agentId(admin, "agent-host-i", "DHCP agent");
        admin.get("/v2.0/networks/" + orphan + "/dhcp-agents").then().body("agents.id", equalTo(List.of(i)));
        // deleting the agent unbinds its networks; its next report takes them again
        admin.delete("/v2.0/agents/" + i).then().statusCode(204);
        admin.get("/v2.0/networks/" + orphan + "/dhcp-agents").then().body("agents", equalTo(List.of()));
        reports.apply(report("agent-host-i", false));
        admin.get("/v2.0/networks/" + orphan + "/dhcp-agents").then().body("agents.host",
                equalTo(List.of("agent-host-i")));
        // deleting the network removes its bindings
        admin.delete("/v2.0/networks/" + orphan).then().statusCode(204);
        admin.get("/v2.0/agents/" + agentId(admin, "agent-host-i", "DHCP agent") + "/dhcp-networks").then()
                .body("networks.id", not(hasItem(orphan)));
    }

    @Test
    void networksOfADhcpAgentSilentForTwiceTheDownTimeMoveToAnAliveOne() {
        reports.apply(report("agent-host-j", false));
        Neutron admin = new Neutron(keys.admin());
        String j = agentId(admin, "agent-host-j", "DHCP agent");
        String network = admin.network("failover", false);
        admin.subnet(network, "10.146.0.0/24");
        admin.get("/v2.0/networks/" + network + "/dhcp-agents").then().body("agents.id", equalTo(List.of(j)));

        // down (75 s) but not for twice the down time: it stays
        db.update("update agents set heartbeat_timestamp = now() - interval '100 seconds' where id = ?", j);
        assertEquals(0, failover.failOver());
        // silent long enough, but no other agent could take it: it stays
        db.update("update agents set heartbeat_timestamp = now() - interval '10 minutes' where id = ?", j);
        assertEquals(0, failover.failOver());
        admin.get("/v2.0/networks/" + network + "/dhcp-agents").then().body("agents.id", equalTo(List.of(j)));

        reports.apply(report("agent-host-k", false));
        String k = agentId(admin, "agent-host-k", "DHCP agent");
        int before = CHANGES.size();
        assertEquals(1, failover.failOver());
        admin.get("/v2.0/networks/" + network + "/dhcp-agents").then().body("agents.id", equalTo(List.of(k)));
        awaitChange(network, "agent-host-j", before);
        awaitChange(network, "agent-host-k", before);
        assertEquals(0, failover.failOver(), "nothing is left on the silent agent");
        admin.get("/v2.0/agents/" + j + "/dhcp-networks").then().body("networks", equalTo(List.of()));
    }
}
