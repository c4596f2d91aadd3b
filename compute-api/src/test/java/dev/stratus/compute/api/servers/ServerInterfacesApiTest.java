package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerPorts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code os-interface} attach and detach: Nova's body schema and answers, the call to the host, the new NIC in the
 * server's views, the port given back when the host refuses or the NIC is detached, and the instance actions.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerInterfacesApiTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    private SchedulerStub stub;
    private ServerFixture fixture;
    private InterfaceNetworkStandIns network;

    @BeforeEach
    void attach() throws Exception {
        stub = SchedulerStub.attach(messaging);
        fixture = new ServerFixture(messaging, stub);
        network = new InterfaceNetworkStandIns();
        QuarkusMock.installMockForType(network.catalog(), NetworkCatalog.class);
        QuarkusMock.installMockForType(network.ports(), ServerPorts.class);
    }

    private static Response post(String token, String version, String id, String body) {
        return as(token, version).body(body).post("/v2.1/servers/" + id + "/os-interface");
    }

    private static String net(String netId) {
        return "{\"interfaceAttachment\": {\"net_id\": \"" + netId + "\"}}";
    }

    @Test
    void aNicIsAttachedShownAndDetached() {
        String max = keys.member("max", "p-iface-1");
        String id = fixture.activeServer(max, "plugged");

        Response attached = post(max, "2.70", id, "{\"interfaceAttachment\": {\"net_id\": \""
                + InterfaceNetworkStandIns.NET + "\", \"tag\": \"data\"}}");
        attached.then().statusCode(200).body("interfaceAttachment.net_id", equalTo(InterfaceNetworkStandIns.NET))
                .body("interfaceAttachment.port_state", equalTo("ACTIVE"))
                .body("interfaceAttachment.tag", equalTo("data"));
        String port = attached.path("interfaceAttachment.port_id");
        String ip = attached.path("interfaceAttachment.fixed_ips[0].ip_address");
        assertTrue(stub.attaches.stream().anyMatch(a -> a.instanceId().equals(id) && port.equals(a.network().portId())
                && "data".equals(a.network().tag())), "the host was asked to plug the port");
        assertEquals(List.of("sg-default"), network.groups.get(network.groups.size() - 1),
                "the new port has the server's security groups");

        as(max, "2.1").get("/v2.1/servers/" + id + "/os-interface").then().statusCode(200)
                .body("interfaceAttachments.port_id", hasItem(port));
        as(max, "2.1").get("/v2.1/servers/" + id + "/ips").then().statusCode(200)
                .body("addresses.private.addr", hasItem(ip));
        as(max, "2.1").get("/v2.1/servers/" + id).then().body("server.addresses.private.addr", hasItem(ip));

        Response byPort = post(max, "2.1", id, "{\"interfaceAttachment\": {\"port_id\": \""
                + InterfaceNetworkStandIns.FREE_PORT + "\"}}");
        byPort.then().statusCode(200).body("interfaceAttachment.port_id", equalTo(InterfaceNetworkStandIns.FREE_PORT))
                .body("interfaceAttachment.mac_addr", equalTo(InterfaceNetworkStandIns.FREE_PORT_MAC))
                .body("interfaceAttachment", not(hasKey("tag")));

        as(max, "2.1").delete("/v2.1/servers/" + id + "/os-interface/" + port).then().statusCode(202);
        assertTrue(stub.detaches.stream().anyMatch(d -> d.instanceId().equals(id) && d.portId().equals(port)));
        assertTrue(network.givenBack.stream().anyMatch(n -> n.portId().equals(port) && n.portOwned()),
                "the port made for the server is given back (deleted)");
        as(max, "2.1").get("/v2.1/servers/" + id + "/os-interface").then()
                .body("interfaceAttachments.port_id", not(hasItem(port)))
                .body("interfaceAttachments.port_id", hasItem(InterfaceNetworkStandIns.FREE_PORT));
        as(max, "2.1").delete("/v2.1/servers/" + id + "/os-interface/" + port).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Port " + port + " is not attached"));

        as(max, "2.1").get("/v2.1/servers/" + id + "/os-instance-actions").then()
                .body("instanceActions.action", hasItem("attach_interface"))
                .body("instanceActions.action", hasItem("detach_interface"));
    }

    @Test
    void badAttachmentsAreRefusedAsNovaRefusesThem() {
        String ned = keys.member("ned", "p-iface-2");
        String id = fixture.activeServer(ned, "refusing");
        int before = stub.attaches.size();
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"net_id\": \"" + InterfaceNetworkStandIns.NET
                + "\", \"port_id\": \"" + InterfaceNetworkStandIns.FREE_PORT + "\"}}").then().statusCode(400)
                .body("badRequest.message", equalTo("Must not input both network_id and port_id"));
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"fixed_ips\": [{\"ip_address\": \"10.0.0.5\"}]}}").then()
                .statusCode(400).body("badRequest.message", equalTo("Must input network_id when request IP address"));
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"net_id\": \"not-a-uuid\"}}").then().statusCode(400);
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"other\": 1}}").then().statusCode(400);
        post(ned, "2.48", id, "{\"interfaceAttachment\": {\"net_id\": \"" + InterfaceNetworkStandIns.NET
                + "\", \"tag\": \"t\"}}").then().statusCode(400);
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"net_id\": \"" + InterfaceNetworkStandIns.NET
                + "\", \"fixed_ips\": [{\"ip_address\": \"nope\"}]}}").then().statusCode(400);
        post(ned, "2.1", id, net("5e1f0000-0000-4000-8000-0000000000ff")).then().statusCode(404)
                .body("itemNotFound.message", containsString("could not be found"));
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"port_id\": \"9b0f0000-0000-4000-8000-0000000000ff\"}}")
                .then().statusCode(404);
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"port_id\": \"" + InterfaceNetworkStandIns.BUSY_PORT
                + "\"}}").then().statusCode(409).body("conflictingRequest.message", containsString("still in use"));
        post(ned, "2.1", id, net(InterfaceNetworkStandIns.NET_WITHOUT_SUBNET)).then().statusCode(400);
        post(ned, "2.1", id, "{\"interfaceAttachment\": {\"net_id\": \"" + InterfaceNetworkStandIns.NET
                + "\", \"fixed_ips\": [{\"ip_address\": \"" + InterfaceNetworkStandIns.TAKEN_IP + "\"}]}}").then()
                .statusCode(409).body("conflictingRequest.message", containsString("is already in use on instance"));
        post(keys.member("oda", "p-other"), "2.1", id, net(InterfaceNetworkStandIns.NET)).then().statusCode(404);
        assertEquals(before, stub.attaches.size(), "the host was not asked");

        String many = keys.member("mia", "p-many-1");
        String other = fixture.activeServer(many, "ambiguous");
        post(many, "2.1", other, "{\"interfaceAttachment\": {}}").then().statusCode(400).body("badRequest.message",
                equalTo("Multiple possible networks found, use a Network ID to be more specific."));
    }

    @Test
    void aNicTheHostRefusesLeavesNothingBehind() {
        String eve = keys.member("eve", "p-iface-3");
        String id = fixture.activeServer(eve, "refused");
        post(eve, "2.1", id, net(SchedulerStub.UNPLUGGABLE_NET)).then().statusCode(500)
                .body("computeFault.message", equalTo("Failed to attach network adapter device to " + id));
        assertTrue(network.givenBack.stream().anyMatch(n -> SchedulerStub.UNPLUGGABLE_NET.equals(n.networkId())),
                "the port made for the attach is given back");
        as(eve, "2.1").get("/v2.1/servers/" + id + "/os-interface").then()
                .body("interfaceAttachments.size()", equalTo(0));

        String port = post(eve, "2.1", id, "{}").then().statusCode(200).extract().path("interfaceAttachment.port_id");
        stub.stuckPorts.add(port);
        as(eve, "2.1").delete("/v2.1/servers/" + id + "/os-interface/" + port).then().statusCode(409);
        as(eve, "2.1").get("/v2.1/servers/" + id + "/os-interface").then()
                .body("interfaceAttachments.port_id", hasItem(port));
    }

    @Test
    void onlyAnUnlockedActivePausedOrStoppedServerTakesANic() {
        String kim = keys.member("kim", "p-iface-4");
        String id = fixture.activeServer(kim, "states");
        as(kim, "2.1").body("{\"lock\": null}").post("/v2.1/servers/" + id + "/action").then().statusCode(202);
        post(kim, "2.1", id, net(InterfaceNetworkStandIns.NET)).then().statusCode(409)
                .body("conflictingRequest.message", containsString("is locked"));
        as(kim, "2.1").body("{\"unlock\": null}").post("/v2.1/servers/" + id + "/action").then().statusCode(202);

        fixture.report(id, "suspended", null, true, 7, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(kim, id, "SUSPENDED");
        post(kim, "2.1", id, net(InterfaceNetworkStandIns.NET)).then().statusCode(409);

        fixture.report(id, "stopped", null, true, 4, SchedulerStub.HOST, null, null);
        fixture.awaitStatus(kim, id, "SHUTOFF");
        post(kim, "2.1", id, net(InterfaceNetworkStandIns.NET)).then().statusCode(200);
    }
}
