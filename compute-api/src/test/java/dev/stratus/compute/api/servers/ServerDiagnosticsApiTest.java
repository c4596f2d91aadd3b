package dev.stratus.compute.api.servers;

import static dev.stratus.compute.api.servers.ServerFixture.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.operator.TempestSchemas;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /servers/{id}/diagnostics}: the host's figures in the libvirt driver's free-form body before 2.48 and
 * in the standard body from 2.48 (both held to Tempest's schemas), and what is refused before or by the host.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class ServerDiagnosticsApiTest extends ServerApiTestBase {

    private final TempestSchemas tempest = new TempestSchemas();

    private Response diagnostics(String token, String version, String id) {
        return as(token, version).get("/v2.1/servers/" + id + "/diagnostics");
    }

    private List<DiagnosticsRequest> asked(String id) {
        return stub.diagnostics.stream().filter(d -> d.instanceId().equals(id)).toList();
    }

    @Test
    void beforeMicroversion248TheLibvirtDriversOwnBody() throws Exception {
        String id = fixture.activeServer(keys.member("dia", "p-diag-1"), "measured");
        Response legacy = diagnostics(keys.admin(), "2.1", id);
        legacy.then().statusCode(200)
                .body("cpu0_time", equalTo(17_300_000_000L))
                .body("vda_read_req", equalTo(112))
                .body("vda_read", equalTo(262_144))
                .body("vda_write_req", equalTo(488))
                .body("vda_write", equalTo(5_778_432))
                .body("vda_errors", equalTo(-1))
                .body("'tap4c1f0e2a-9b_rx'", equalTo(2_070_139))
                .body("'tap4c1f0e2a-9b_rx_packets'", equalTo(26_701))
                .body("'tap4c1f0e2a-9b_rx_errors'", equalTo(0))
                .body("'tap4c1f0e2a-9b_rx_drop'", equalTo(0))
                .body("'tap4c1f0e2a-9b_tx'", equalTo(140_208))
                .body("'tap4c1f0e2a-9b_tx_packets'", equalTo(662))
                .body("'tap4c1f0e2a-9b_tx_errors'", equalTo(0))
                .body("'tap4c1f0e2a-9b_tx_drop'", equalTo(0))
                .body("memory", equalTo(524_288))
                .body("'memory-rss'", equalTo(200_164))
                .body("$", not(hasKey("state")));
        Map<String, Object> body = legacy.jsonPath().getMap("$");
        assertEquals(16, body.size(), "1 vCPU, 5 disk, 8 NIC (the NIC without a device has none), 2 memory: " + body);
        tempest.check("v2_1.servers", "show_server_diagnostics", legacy);
        tempest.check("v2_1.servers", "show_server_diagnostics", diagnostics(keys.admin(), "2.47", id));
        DiagnosticsRequest sent = asked(id).get(0);
        assertNotNull(sent.launchedAt(), "the uptime counts from the server's launch, which the API sends");
        tempest.verify();
    }

    @Test
    void fromMicroversion248TheStandardBody() throws Exception {
        String id = fixture.activeServer(keys.member("dib", "p-diag-2"), "standard");
        Response standard = diagnostics(keys.admin(), "2.48", id);
        standard.then().statusCode(200)
                .body("state", equalTo("running"))
                .body("driver", equalTo("libvirt"))
                .body("hypervisor", equalTo("kvm"))
                .body("hypervisor_os", equalTo("linux"))
                .body("config_drive", equalTo(true))
                .body("num_cpus", equalTo(1))
                .body("num_disks", equalTo(1))
                .body("num_nics", equalTo(2))
                .body("memory_details.maximum", equalTo(512))
                .body("memory_details.used", equalTo(512))
                .body("cpu_details[0].id", equalTo(0))
                .body("cpu_details[0].time", equalTo(17_300_000_000L))
                .body("cpu_details[0].utilisation", nullValue())
                .body("disk_details[0].read_bytes", equalTo(262_144))
                .body("disk_details[0].read_requests", equalTo(112))
                .body("disk_details[0].write_bytes", equalTo(5_778_432))
                .body("disk_details[0].write_requests", equalTo(488))
                .body("disk_details[0].errors_count", equalTo(-1))
                .body("nic_details[0].mac_address", equalTo("fa:16:3e:4c:2c:30"))
                .body("nic_details[0].rx_octets", equalTo(2_070_139))
                .body("nic_details[0].tx_packets", equalTo(662))
                .body("nic_details[0].rx_rate", nullValue())
                .body("nic_details[1].mac_address", equalTo("fa:16:3e:4c:2c:31"))
                .body("nic_details[1].rx_octets", nullValue());
        int uptime = standard.jsonPath().getInt("uptime");
        assertTrue(uptime >= 0 && uptime < 60, "seconds since the launch: " + uptime);
        assertEquals(13, standard.jsonPath().getMap("$").size());
        assertEquals(11, standard.jsonPath().getMap("nic_details[1]").size());
        tempest.check("v2_48.servers", "show_server_diagnostics", standard);
        tempest.check("v2_48.servers", "show_server_diagnostics", diagnostics(keys.admin(), "2.90", id));
        tempest.verify();
    }

    @Test
    void onlyAdminsByDefaultAndOnlyServersThatExist() {
        String owner = keys.member("dic", "p-diag-3");
        String id = fixture.activeServer(owner, "guarded");
        diagnostics(owner, "2.1", id).then().statusCode(403);
        diagnostics(owner, "2.48", id).then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-server-diagnostics to be"
                        + " performed."));
        diagnostics(keys.member("did", "p-diag-other"), "2.48", id).then().statusCode(404);
        String unknown = UUID.randomUUID().toString();
        diagnostics(keys.admin(), "2.48", unknown).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Instance " + unknown + " could not be found."));
        assertTrue(asked(id).isEmpty(), "the host was not asked");
    }

    @Test
    void aServerWithoutAHostIsNotReadyAndOneThatIsNotRunningIsRefusedByItsHost() {
        String owner = keys.member("die", "p-diag-4");
        String building = fixture.create(owner, "unscheduled");
        diagnostics(keys.admin(), "2.48", building).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Instance " + building + " is not ready"));

        String offloaded = fixture.activeServer(owner, "offloaded");
        fixture.report(offloaded, "shelved_offloaded", null, true, 0, "", null, null);
        fixture.awaitStatus(owner, offloaded, "SHELVED_OFFLOADED");
        diagnostics(keys.admin(), "2.1", offloaded).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Instance " + offloaded + " is not ready"));
        assertTrue(asked(building).isEmpty() && asked(offloaded).isEmpty(), "no host to ask");

        String stopped = fixture.activeServer(owner, "stopped");
        stub.diagnosticsAnswers.put(stopped, new DiagnosticsResult(DiagnosticsResult.Outcome.NOT_RUNNING,
                "instance " + stopped + " is shutdown", "shutdown", null));
        diagnostics(keys.admin(), "2.48", stopped).then().statusCode(409)
                .body("conflictingRequest.message", equalTo("Cannot 'get_diagnostics' instance " + stopped
                        + " while it is in power state shutdown"));
        diagnostics(keys.admin(), "2.1", stopped).then().statusCode(409);
        assertFalse(asked(stopped).isEmpty(), "the host decides, as Nova's compute manager does");
    }

    @Test
    void aHostWhoseDriverCannotTellIsNotImplemented() {
        String id = fixture.activeServer(keys.member("dif", "p-diag-5"), "unmeasurable");
        stub.diagnosticsAnswers.put(id, new DiagnosticsResult(DiagnosticsResult.Outcome.NOT_SUPPORTED,
                "The ironic driver does not report diagnostics", "running", null));
        diagnostics(keys.admin(), "2.48", id).then().statusCode(501)
                .body("notImplemented.message", equalTo("The requested functionality is not supported."));
        stub.diagnosticsAnswers.put(id, new DiagnosticsResult(DiagnosticsResult.Outcome.FAILED,
                "The hypervisor on this host is not reachable", "running", null));
        diagnostics(keys.admin(), "2.48", id).then().statusCode(500);
    }
}
