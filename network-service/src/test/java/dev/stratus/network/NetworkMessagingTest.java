package dev.stratus.network;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkChange;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.common.network.PortStatusReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over the test exchange of a real broker: the NetworkChange broadcasts after committed changes (and none for a
 * failed one), and hosts' PortStatusReports on the network topic.
 */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class NetworkMessagingTest {

    private static List<NetworkChange> CHANGES = List.of();

    @Inject
    NetworkTestKeys keys;

    @Inject
    Messaging messaging;

    @BeforeEach
    void listen() throws Exception {
        CHANGES = ChangeRecorder.changes(messaging);
    }

    private static NetworkChange awaitChange(NetworkChange.Kind kind, String id, String host) {
        return Eventually.until(() -> CHANGES.stream().filter(c -> c.kind() == kind && c.ids().contains(id)
                && (host == null || c.hosts().contains(host))).findFirst().orElse(null),
                kind + " change of " + id + (host == null ? "" : " on " + host) + "; got " + CHANGES);
    }

    @Test
    void aPortUpdateIsBroadcastWithItsOldAndNewHostAndDevice() {
        Neutron member = new Neutron(keys.member("msg-alice", "msg-project"));
        String network = member.network("msg-net", false);
        member.subnet(network, "10.130.0.0/24");
        String port = member.port("{\"network_id\":\"" + network + "\",\"device_id\":\"server-42\"}").getString("id");
        NetworkChange created = awaitChange(NetworkChange.Kind.PORT, port, null);
        assertEquals(List.of("server-42"), created.deviceIds());

        Neutron service = new Neutron(keys.service());
        service.put("/v2.0/ports/" + port, "{\"port\":{\"binding:host_id\":\"node-a\"}}").then().statusCode(200);
        awaitChange(NetworkChange.Kind.PORT, port, "node-a");
        service.put("/v2.0/ports/" + port, "{\"port\":{\"binding:host_id\":\"node-b\"}}").then().statusCode(200);
        NetworkChange moved = awaitChange(NetworkChange.Kind.PORT, port, "node-b");
        assertTrue(moved.hosts().containsAll(List.of("node-a", "node-b")), moved.toString());
        assertTrue(moved.concerns("node-a") && moved.concerns("node-b") && !moved.concerns("node-c"));
        assertEquals(List.of("server-42"), moved.deviceIds());

        String group = member.securityGroup("msg-group").getString("id");
        member.post("/v2.0/security-group-rules", "{\"security_group_rule\":{\"security_group_id\":\"" + group
                + "\",\"direction\":\"ingress\",\"protocol\":\"tcp\"}}").then().statusCode(201);
        NetworkChange rules = awaitChange(NetworkChange.Kind.SECURITY_GROUP, group, null);
        assertTrue(rules.hosts().isEmpty(), "a group change concerns every host");
    }

    @Test
    void meteringLabelsAndTheirRulesAreBroadcastToEveryHost() {
        Neutron admin = new Neutron(keys.admin());
        String label = admin.post("/v2.0/metering/metering-labels", "{\"metering_label\":{\"name\":\"msg-meter\"}}")
                .then().statusCode(201).extract().path("metering_label.id");
        assertTrue(awaitChange(NetworkChange.Kind.METERING_LABEL, label, null).hosts().isEmpty());
        int before = CHANGES.size();
        admin.post("/v2.0/metering/metering-label-rules", "{\"metering_label_rule\":{\"metering_label_id\":\""
                + label + "\",\"direction\":\"egress\",\"remote_ip_prefix\":\"0.0.0.0/0\"}}").then().statusCode(201);
        Eventually.until(() -> CHANGES.stream().skip(before).filter(c -> c.kind() == NetworkChange.Kind.METERING_LABEL
                && c.ids().contains(label)).findFirst().orElse(null), "the rule's change of label " + label);
        admin.delete("/v2.0/metering/metering-labels/" + label).then().statusCode(204);
    }

    @Test
    void aRolledBackChangeIsNotBroadcast() throws Exception {
        Neutron member = new Neutron(keys.member("msg-bob", "msg-project-b"));
        String network = member.network("msg-net-b", false);
        member.subnet(network, "10.132.0.0/24");
        String taken = member.portOn(network).getString("mac_address");
        // the first port of the bulk is written (and its broadcast registered) before the second fails
        member.post("/v2.0/ports", "{\"ports\":[{\"network_id\":\"" + network + "\",\"device_id\":\"doomed-device\"},"
                + "{\"network_id\":\"" + network + "\",\"mac_address\":\"" + taken + "\"}]}").then().statusCode(409)
                .body("NeutronError.type", equalTo("MacAddressInUse"));
        String marker = member.port("{\"network_id\":\"" + network + "\",\"device_id\":\"after-device\"}")
                .getString("id");
        awaitChange(NetworkChange.Kind.PORT, marker, null);
        Thread.sleep(200);
        assertTrue(CHANGES.stream().noneMatch(c -> c.deviceIds().contains("doomed-device")),
                "a broadcast for a rolled-back port: " + CHANGES);
        member.get("/v2.0/ports?device_id=doomed-device").then().body("ports.size()", equalTo(0));
    }

    @Test
    void aHostsStatusReportTurnsItsBoundPortActiveAndOthersAreIgnored() throws Exception {
        Neutron member = new Neutron(keys.member("msg-carol", "msg-project-c"));
        String network = member.network("msg-net-c", false);
        member.subnet(network, "10.131.0.0/24");
        String port = member.port("{\"network_id\":\"" + network + "\",\"device_id\":\"server-7\"}").getString("id");
        Neutron service = new Neutron(keys.service());
        service.put("/v2.0/ports/" + port, "{\"port\":{\"binding:host_id\":\"node-1\"}}").then().statusCode(200)
                .body("port.status", equalTo("DOWN"));

        messaging.cast(NetworkTopics.NETWORK, PortStatusReport.TYPE,
                new PortStatusReport(port, "node-2", PortStatusReport.ACTIVE)).get(10, TimeUnit.SECONDS);
        messaging.cast(NetworkTopics.NETWORK, PortStatusReport.TYPE,
                new PortStatusReport(port, "node-1", PortStatusReport.ACTIVE)).get(10, TimeUnit.SECONDS);
        Eventually.until(() -> "ACTIVE".equals(member.get("/v2.0/ports/" + port).jsonPath().getString("port.status"))
                ? true : null, "port " + port + " ACTIVE");
        NetworkChange active = awaitChange(NetworkChange.Kind.PORT, port, "node-1");
        assertEquals(List.of("server-7"), active.deviceIds());

        service.put("/v2.0/ports/" + port, "{\"port\":{\"binding:host_id\":\"node-3\"}}").then().statusCode(200)
                .body("port.status", equalTo("DOWN"));
        messaging.cast(NetworkTopics.NETWORK, PortStatusReport.TYPE,
                new PortStatusReport(port, "node-1", PortStatusReport.ACTIVE)).get(10, TimeUnit.SECONDS);
        messaging.cast(NetworkTopics.NETWORK, PortStatusReport.TYPE,
                new PortStatusReport(port, "node-3", PortStatusReport.DOWN)).get(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        member.get("/v2.0/ports/" + port).then().body("port.status", equalTo("DOWN"));
    }
}
