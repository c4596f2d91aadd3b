package dev.stratus.compute.api.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.ComputeTestKeys;
import dev.stratus.compute.api.ComputeTestResource;
import dev.stratus.compute.api.operator.service.UsageAuditor;
import dev.stratus.compute.api.servers.SchedulerStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * os-instance_usage_audit_log over the audit's own records: hosts not audited yet, then the auditor's count of
 * the servers that existed on a host in the period; a time picks the period before it.
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class InstanceUsageAuditLogApiTest {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    @Inject
    Db db;

    @Inject
    UsageAuditor auditor;

    private SimulatedHosts hosts;
    private HostedServers servers;
    private final TempestSchemas tempest = new TempestSchemas();

    @BeforeEach
    void attach() throws Exception {
        hosts = new SimulatedHosts(messaging, db);
        servers = new HostedServers(messaging);
        SchedulerStub.attach(messaging);
        SchedulerTopic.attach(messaging);
    }

    @AfterEach
    void bodiesMatchTempestSchemas() throws Exception {
        tempest.verify();
    }

    @Test
    void hostsAreNotRunUntilTheAuditCountsTheirServers() {
        String admin = keys.admin();
        String host = hosts.compute("audit");
        String member = keys.member("audit-user", "audit-project");
        String id = servers.create(member, "audited");
        // launched two months ago, so that it existed during the last completed (monthly) period
        servers.active(id, host, SimulatedHosts.nodeOf(host), Instant.now().minus(62, ChronoUnit.DAYS));
        HostedServers.await(admin, id, host, "ACTIVE");

        Response before = tempest.check("v2_1.instance_usage_audit_logs", "list_instance_usage_audit_log",
                given().header("X-Auth-Token", admin).get("/v2.1/os-instance_usage_audit_log"));
        before.then().statusCode(200).body("instance_usage_audit_logs.hosts_not_run", hasItem(host))
                .body("instance_usage_audit_logs.log", not(hasItem(host)));

        auditor.audit(Instant.now());
        Response after = given().header("X-Auth-Token", admin).get("/v2.1/os-instance_usage_audit_log");
        after.then().statusCode(200)
                .body("instance_usage_audit_logs.hosts_not_run", not(hasItem(host)))
                .body("instance_usage_audit_logs.log.'" + host + "'.state", equalTo("DONE"))
                .body("instance_usage_audit_logs.log.'" + host + "'.instances", equalTo(1));
        assertEquals(0, auditor.audit(Instant.now()), "a period is audited once per host");

        String period = after.path("instance_usage_audit_logs.period_ending");
        tempest.check("v2_1.instance_usage_audit_logs", "get_instance_usage_audit_log",
                given().header("X-Auth-Token", admin).get("/v2.1/os-instance_usage_audit_log/" + period))
                .then().statusCode(200).body("instance_usage_audit_log.period_ending", not(equalTo(period)));
    }

    @Test
    void onlyAdminsAndOnlyTimes() {
        String admin = keys.admin();
        given().header("X-Auth-Token", admin).get("/v2.1/os-instance_usage_audit_log/2026-13-01 00:00:00").then()
                .statusCode(400).body("badRequest.message", equalTo("Invalid timestamp for date 2026-13-01 00:00:00"));
        given().header("X-Auth-Token", admin).get("/v2.1/os-instance_usage_audit_log/2026-11-01 10:00:00.5")
                .then().statusCode(200).body("instance_usage_audit_log.period_beginning",
                        equalTo("2026-10-01 00:00:00"));
        String member = keys.member("audit-user", "audit-project");
        given().header("X-Auth-Token", member).get("/v2.1/os-instance_usage_audit_log").then().statusCode(403);
        given().header("X-Auth-Token", member).get("/v2.1/os-instance_usage_audit_log/2026-11-01 10:00:00")
                .then().statusCode(403);
    }
}
