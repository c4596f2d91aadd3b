package dev.stratus.compute.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.stratus.common.persistence.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ComputeTestResource.class, restrictToAnnotatedClass = false)
class LimitsAndQuotasApiTest {

    static final List<String> CORE = List.of("instances", "cores", "ram", "metadata_items", "key_pairs",
            "server_groups", "server_group_members");
    static final List<String> INJECTED = List.of("injected_files", "injected_file_content_bytes",
            "injected_file_path_bytes");
    static final List<String> NETWORK = List.of("fixed_ips", "floating_ips", "security_groups",
            "security_group_rules");

    @Inject
    ComputeTestKeys keys;

    @Inject
    Db db;

    private RequestSpecification as(String token, String microversion) {
        return given().header("X-Auth-Token", token).header("OpenStack-API-Version", "compute " + microversion)
                .contentType(ContentType.JSON);
    }

    private static List<String> keysOf(List<String>... groups) {
        List<String> out = new ArrayList<>();
        for (List<String> g : groups) {
            out.addAll(g);
        }
        return out;
    }

    /** A live instance row, as the server create path would leave it, for the usage counts. */
    private void instance(String project, String user, int vcpus, int ram) {
        db.update("insert into instances (uuid, project_id, user_id, display_name, vm_state, instance_type_id,"
                + " flavor_name, vcpus, memory_mb, root_gb, ephemeral_gb, reservation_id) values"
                + " (?, ?, ?, 'vm', 'active', '1', 'm1.tiny', ?, ?, 1, 0, 'r-test')", UUID.randomUUID().toString(),
                project, user, vcpus, ram);
    }

    @Test
    void limitsFieldsPerMicroversion() {
        String alice = keys.member("lq-alice", "lq-fresh");
        as(alice, "2.1").get("/v2.1/limits").then().statusCode(200)
                .body("limits.keySet()", containsInAnyOrder("absolute", "rate"))
                .body("limits.rate", hasSize(0))
                .body("limits.absolute.keySet()", containsInAnyOrder("maxTotalInstances", "maxTotalCores",
                        "maxTotalRAMSize", "maxServerMeta", "maxImageMeta", "maxPersonality", "maxPersonalitySize",
                        "maxTotalKeypairs", "maxServerGroups", "maxServerGroupMembers", "maxTotalFloatingIps",
                        "maxSecurityGroups", "maxSecurityGroupRules", "totalInstancesUsed", "totalCoresUsed",
                        "totalRAMUsed", "totalServerGroupsUsed", "totalFloatingIpsUsed", "totalSecurityGroupsUsed"))
                .body("limits.absolute.maxTotalInstances", equalTo(10))
                .body("limits.absolute.maxTotalCores", equalTo(20))
                .body("limits.absolute.maxTotalRAMSize", equalTo(51200))
                .body("limits.absolute.maxServerMeta", equalTo(128))
                .body("limits.absolute.maxImageMeta", equalTo(128))
                .body("limits.absolute.maxPersonality", equalTo(5))
                .body("limits.absolute.maxPersonalitySize", equalTo(10240))
                .body("limits.absolute.maxTotalKeypairs", equalTo(100))
                .body("limits.absolute.maxServerGroups", equalTo(10))
                .body("limits.absolute.maxServerGroupMembers", equalTo(10))
                .body("limits.absolute.maxTotalFloatingIps", equalTo(-1))
                .body("limits.absolute.maxSecurityGroups", equalTo(-1))
                .body("limits.absolute.totalInstancesUsed", equalTo(0))
                .body("limits.absolute.totalFloatingIpsUsed", equalTo(0));
        as(alice, "2.36").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.keySet()", containsInAnyOrder("maxTotalInstances", "maxTotalCores",
                        "maxTotalRAMSize", "maxServerMeta", "maxImageMeta", "maxPersonality", "maxPersonalitySize",
                        "maxTotalKeypairs", "maxServerGroups", "maxServerGroupMembers", "totalInstancesUsed",
                        "totalCoresUsed", "totalRAMUsed", "totalServerGroupsUsed"));
        as(alice, "2.39").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.keySet()", containsInAnyOrder("maxTotalInstances", "maxTotalCores",
                        "maxTotalRAMSize", "maxServerMeta", "maxPersonality", "maxPersonalitySize",
                        "maxTotalKeypairs", "maxServerGroups", "maxServerGroupMembers", "totalInstancesUsed",
                        "totalCoresUsed", "totalRAMUsed", "totalServerGroupsUsed"));
        as(alice, "2.57").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.keySet()", containsInAnyOrder("maxTotalInstances", "maxTotalCores",
                        "maxTotalRAMSize", "maxServerMeta", "maxTotalKeypairs", "maxServerGroups",
                        "maxServerGroupMembers", "totalInstancesUsed", "totalCoresUsed", "totalRAMUsed",
                        "totalServerGroupsUsed"));
        as(alice, "2.74").get("/v2.1/limits?reserved=1").then().statusCode(200);
        as(alice, "2.75").get("/v2.1/limits?reserved=1").then().statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('reserved' was unexpected)"));
    }

    @Test
    void limitsCountUsageAndAdminsAskForOtherProjects() {
        instance("lq-used", "lq-bob", 2, 1024);
        instance("lq-used", "lq-carl", 1, 512);
        String bob = keys.member("lq-bob", "lq-used");
        as(bob, "2.1").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.totalInstancesUsed", equalTo(2))
                .body("limits.absolute.totalCoresUsed", equalTo(3))
                .body("limits.absolute.totalRAMUsed", equalTo(1536));
        as(bob, "2.1").get("/v2.1/limits?tenant_id=lq-fresh").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:limits:other_project to be performed."));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"instances\":7}}").put("/v2.1/os-quota-sets/lq-used")
                .then().statusCode(200);
        as(keys.admin(), "2.1").get("/v2.1/limits?tenant_id=lq-used").then().statusCode(200)
                .body("limits.absolute.maxTotalInstances", equalTo(7))
                .body("limits.absolute.totalInstancesUsed", equalTo(2));
        as(keys.admin(), "2.1").get("/v2.1/limits").then().statusCode(200)
                .body("limits.absolute.maxTotalInstances", equalTo(10));
    }

    @Test
    void quotaSetFieldsPerMicroversion() {
        String dora = keys.member("lq-dora", "lq-show");
        as(dora, "2.1").get("/v2.1/os-quota-sets/lq-show").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE, INJECTED, NETWORK).toArray()))
                .body("quota_set.id", equalTo("lq-show"))
                .body("quota_set.instances", equalTo(10))
                .body("quota_set.cores", equalTo(20))
                .body("quota_set.ram", equalTo(51200))
                .body("quota_set.key_pairs", equalTo(100))
                .body("quota_set.injected_file_path_bytes", equalTo(255))
                .body("quota_set.floating_ips", equalTo(-1))
                .body("quota_set.security_group_rules", equalTo(-1));
        as(dora, "2.36").get("/v2.1/os-quota-sets/lq-show").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE, INJECTED).toArray()));
        as(dora, "2.57").get("/v2.1/os-quota-sets/lq-show").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE).toArray()));
        as(dora, "2.57").get("/v2.1/os-quota-sets/lq-show/defaults").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE).toArray()))
                .body("quota_set.id", equalTo("lq-show"));
        // defaults are for anyone; a project's own set only for its readers and admins
        as(dora, "2.1").get("/v2.1/os-quota-sets/lq-other/defaults").then().statusCode(200);
        as(dora, "2.1").get("/v2.1/os-quota-sets/lq-other").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-quota-sets:show to be performed."));
        as(dora, "2.1").get("/v2.1/os-quota-sets/lq-other/detail").then().statusCode(403);
        as(keys.reader("lq-rita", "lq-show"), "2.1").get("/v2.1/os-quota-sets/lq-show").then().statusCode(200);
        as(dora, "2.75").get("/v2.1/os-quota-sets/lq-show?detail=1").then().statusCode(400);
    }

    @Test
    void detailShowsLimitInUseAndReserved() {
        instance("lq-detail", "lq-ed", 4, 2048);
        instance("lq-detail", "lq-flo", 1, 512);
        as(keys.member("lq-ed", "lq-detail"), "2.2")
                .body("{\"keypair\":{\"name\":\"k\",\"public_key\":\"" + KeypairsApiTest.ED25519 + "\"}}")
                .post("/v2.1/os-keypairs").then().statusCode(201);
        String ed = keys.member("lq-ed", "lq-detail");
        as(ed, "2.57").get("/v2.1/os-quota-sets/lq-detail/detail").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE).toArray()))
                .body("quota_set.instances", equalTo(Map.of("in_use", 2, "limit", 10, "reserved", 0)))
                .body("quota_set.cores", equalTo(Map.of("in_use", 5, "limit", 20, "reserved", 0)))
                .body("quota_set.ram", equalTo(Map.of("in_use", 2560, "limit", 51200, "reserved", 0)))
                // as in Nova, key pairs are not counted at the project level
                .body("quota_set.key_pairs", equalTo(Map.of("in_use", 0, "limit", 100, "reserved", 0)));
        as(ed, "2.1").get("/v2.1/os-quota-sets/lq-detail/detail?user_id=lq-ed").then().statusCode(200)
                .body("quota_set.instances.in_use", equalTo(1))
                .body("quota_set.cores.in_use", equalTo(4))
                .body("quota_set.floating_ips", equalTo(Map.of("in_use", 0, "limit", -1, "reserved", 0)));
    }

    @Test
    void adminsUpdateWithNovasChecks() {
        String member = keys.member("lq-gil", "lq-update");
        as(member, "2.1").body("{\"quota_set\":{\"cores\":5}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-quota-sets:update to be performed."));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":\"8\",\"floating_ips\":5,\"force\":false}}")
                .put("/v2.1/os-quota-sets/lq-update").then().statusCode(200)
                .body("quota_set.keySet()", containsInAnyOrder(keysOf(CORE, INJECTED, NETWORK).toArray()))
                .body("quota_set.cores", equalTo(8))
                .body("quota_set.floating_ips", equalTo(5));
        as(member, "2.36").get("/v2.1/os-quota-sets/lq-update").then().statusCode(200)
                .body("quota_set.cores", equalTo(8));
        as(keys.admin(), "2.57").body("{\"quota_set\":{\"ram\":1024}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(200).body("quota_set.keySet()", containsInAnyOrder(CORE.toArray()));

        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":-2}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(400).body("badRequest.message", equalTo("Invalid input for field/attribute cores. Value: -2."
                        + " -2 is less than the minimum of -1"));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":\"many\"}}").put("/v2.1/os-quota-sets/lq-update")
                .then().statusCode(400).body("badRequest.message", endsWith("'many' does not match '^-?[0-9]+$'"));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":1.5}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(400).body("badRequest.message", endsWith("1.5 is not of type 'integer', 'string'"));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":2147483648}}").put("/v2.1/os-quota-sets/lq-update")
                .then().statusCode(400).body("badRequest.message", endsWith("is greater than the maximum of 2147483647"));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"networks\":1}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(400)
                .body("badRequest.message", equalTo("Additional properties are not allowed ('networks' was unexpected)"));
        as(keys.admin(), "2.36").body("{\"quota_set\":{\"floating_ips\":1}}").put("/v2.1/os-quota-sets/lq-update")
                .then().statusCode(400);
        as(keys.admin(), "2.57").body("{\"quota_set\":{\"injected_files\":1}}").put("/v2.1/os-quota-sets/lq-update")
                .then().statusCode(400);
        as(keys.admin(), "2.1").body("{\"quota\":{}}").put("/v2.1/os-quota-sets/lq-update").then().statusCode(400)
                .body("badRequest.message", endsWith("'quota_set' is a required property"));

        // not below what is in use, unless forced
        instance("lq-update", "lq-gil", 3, 512);
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":2}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(400).body("badRequest.message", equalTo("Quota limit 2 for cores must be greater than or"
                        + " equal to already used and reserved 3."));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":-1}}").put("/v2.1/os-quota-sets/lq-update").then()
                .statusCode(200).body("quota_set.cores", equalTo(-1));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":2,\"force\":\"True\"}}")
                .put("/v2.1/os-quota-sets/lq-update").then().statusCode(200).body("quota_set.cores", equalTo(2));
    }

    @Test
    void userQuotasWithinTheProjects() {
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":10,\"ram\":4096}}").put("/v2.1/os-quota-sets/lq-users")
                .then().statusCode(200);
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"ram\":2048,\"cores\":6}}")
                .put("/v2.1/os-quota-sets/lq-users?user_id=lq-hal").then().statusCode(200)
                .body("quota_set.ram", equalTo(2048)).body("quota_set.cores", equalTo(6))
                .body("quota_set.instances", equalTo(10));
        as(keys.admin(), "2.1").get("/v2.1/os-quota-sets/lq-users?user_id=lq-hal").then().statusCode(200)
                .body("quota_set.ram", equalTo(2048));
        as(keys.admin(), "2.1").get("/v2.1/os-quota-sets/lq-users").then().statusCode(200)
                .body("quota_set.ram", equalTo(4096));
        // a second user may get at most what the project has not handed out (10 - 6 cores)
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":5}}").put("/v2.1/os-quota-sets/lq-users?user_id=lq-ida")
                .then().statusCode(400).body("badRequest.message", equalTo("Quota limit 5 for cores must be less than"
                        + " or equal to 4."));
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":4}}").put("/v2.1/os-quota-sets/lq-users?user_id=lq-ida")
                .then().statusCode(200);
        // and the project may not drop below what its users hold (6 + 4)
        as(keys.admin(), "2.1").body("{\"quota_set\":{\"cores\":9}}").put("/v2.1/os-quota-sets/lq-users").then()
                .statusCode(400).body("badRequest.message", equalTo("Quota limit 9 for cores must be greater than or"
                        + " equal to already used and reserved 10."));

        // deleting a user's quota leaves the project's; deleting the project's resets everything
        as(keys.member("lq-hal", "lq-users"), "2.1").delete("/v2.1/os-quota-sets/lq-users").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-quota-sets:delete to be performed."));
        as(keys.admin(), "2.1").delete("/v2.1/os-quota-sets/lq-users?user_id=lq-hal").then().statusCode(202);
        as(keys.admin(), "2.1").get("/v2.1/os-quota-sets/lq-users?user_id=lq-hal").then()
                .body("quota_set.ram", equalTo(4096));
        as(keys.admin(), "2.1").get("/v2.1/os-quota-sets/lq-users?user_id=lq-ida").then()
                .body("quota_set.cores", equalTo(4));
        as(keys.admin(), "2.1").delete("/v2.1/os-quota-sets/lq-users").then().statusCode(202);
        as(keys.admin(), "2.1").get("/v2.1/os-quota-sets/lq-users?user_id=lq-ida").then()
                .body("quota_set.cores", equalTo(20)).body("quota_set.ram", equalTo(51200));
    }

    @Test
    void quotaClassSets() {
        String member = keys.member("lq-jo", "lq-class");
        as(member, "2.1").get("/v2.1/os-quota-class-sets/default").then().statusCode(403)
                .body("forbidden.message", equalTo("Policy doesn't allow os_compute_api:os-quota-class-sets:show to be performed."));
        as(member, "2.1").body("{\"quota_class_set\":{\"cores\":1}}").put("/v2.1/os-quota-class-sets/default").then()
                .statusCode(403);
        as(keys.admin(), "2.1").get("/v2.1/os-quota-class-sets/gold").then().statusCode(200)
                .body("quota_class_set.keySet()", containsInAnyOrder(keysOf(List.of("id", "instances", "cores", "ram",
                        "metadata_items", "key_pairs"), INJECTED, NETWORK).toArray()))
                .body("quota_class_set.id", equalTo("gold"))
                .body("quota_class_set.cores", equalTo(20));
        as(keys.admin(), "2.50").get("/v2.1/os-quota-class-sets/gold").then().statusCode(200)
                .body("quota_class_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE, INJECTED).toArray()));
        as(keys.admin(), "2.57").get("/v2.1/os-quota-class-sets/gold").then().statusCode(200)
                .body("quota_class_set.keySet()", containsInAnyOrder(keysOf(List.of("id"), CORE).toArray()));

        // the v2.1 update schema takes server group limits though its answer does not show them
        as(keys.admin(), "2.1").body("{\"quota_class_set\":{\"instances\":50,\"server_groups\":3}}")
                .put("/v2.1/os-quota-class-sets/gold").then().statusCode(200)
                .body("quota_class_set.keySet()", containsInAnyOrder(keysOf(List.of("instances", "cores", "ram",
                        "metadata_items", "key_pairs"), INJECTED, NETWORK).toArray()))
                .body("quota_class_set.instances", equalTo(50));
        as(keys.admin(), "2.50").get("/v2.1/os-quota-class-sets/gold").then()
                .body("quota_class_set.server_groups", equalTo(3)).body("quota_class_set.instances", equalTo(50));
        as(keys.admin(), "2.50").body("{\"quota_class_set\":{\"floating_ips\":1}}")
                .put("/v2.1/os-quota-class-sets/gold").then().statusCode(400);
        as(keys.admin(), "2.1").body("{\"quota_class_set\":{\"instances\":-5}}")
                .put("/v2.1/os-quota-class-sets/gold").then().statusCode(400);
        // a class other than 'default' changes no project
        as(member, "2.1").get("/v2.1/limits").then().body("limits.absolute.maxTotalInstances", equalTo(10));

        try {
            as(keys.admin(), "2.57").body("{\"quota_class_set\":{\"cores\":33}}")
                    .put("/v2.1/os-quota-class-sets/default").then().statusCode(200)
                    .body("quota_class_set.cores", equalTo(33));
            as(member, "2.1").get("/v2.1/os-quota-sets/lq-class/defaults").then()
                    .body("quota_set.cores", equalTo(33));
            as(member, "2.1").get("/v2.1/limits").then().body("limits.absolute.maxTotalCores", equalTo(33));
        } finally {
            as(keys.admin(), "2.57").body("{\"quota_class_set\":{\"cores\":20}}")
                    .put("/v2.1/os-quota-class-sets/default").then().statusCode(200);
        }
    }
}
