package dev.stratus.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class QuotasApiTest {

    static final Map<String, Integer> DEFAULTS = Map.of("network", 100, "subnet", 100, "port", 500, "router", 10,
            "floatingip", 50, "security_group", 10, "security_group_rule", 100);

    @Inject
    NetworkTestKeys keys;

    @Test
    void adminsSetAndResetLimitsAndProjectsHitThemWithNeutronsOverQuota() {
        Neutron admin = new Neutron(keys.admin());
        String project = "quota-project-a";
        admin.get("/v2.0/quotas/" + project).then().statusCode(200).body("quota", equalTo(DEFAULTS));
        admin.get("/v2.0/quotas/" + project + "/default").then().statusCode(200).body("quota", equalTo(DEFAULTS));
        admin.put("/v2.0/quotas/" + project, "{\"quota\":{\"network\":2,\"port\":0}}").then().statusCode(200)
                .body("quota.network", equalTo(2)).body("quota.port", equalTo(0)).body("quota.subnet", equalTo(100));
        admin.get("/v2.0/quotas").then().statusCode(200).body("quotas.project_id", hasItem(project));

        Neutron member = new Neutron(keys.member("quota-alice", project));
        member.get("/v2.0/quotas/" + project).then().statusCode(200).body("quota.network", equalTo(2));
        member.get("/v2.0/quotas/other-project").then().statusCode(403)
                .body("NeutronError.message", equalTo("Non-admin is not authorized to access quotas for another project"));
        member.put("/v2.0/quotas/" + project, "{\"quota\":{\"network\":50}}").then().statusCode(403);
        String network = member.network("q1", false);
        member.network("q2", false);
        member.post("/v2.0/networks", "{\"network\":{\"name\":\"q3\"}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("OverQuota"))
                .body("NeutronError.message", equalTo("Quota exceeded for resources: ['network']."));
        member.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\"}}").then().statusCode(409)
                .body("NeutronError.message", equalTo("Quota exceeded for resources: ['port']."));
        member.get("/v2.0/quotas/" + project + "/details").then().statusCode(200)
                .body("quota.network", equalTo(Map.of("used", 2, "limit", 2, "reserved", 0)))
                .body("quota.security_group.used", equalTo(1))
                .body("quota.security_group_rule.used", equalTo(4));
        // Neutron's format suffix, as Tempest's quotas client asks
        member.get("/v2.0/quotas/" + project + "/details.json").then().statusCode(200)
                .body("quota.network.used", equalTo(2));

        admin.put("/v2.0/quotas/" + project, "{\"quota\":{\"network\":-2}}").then().statusCode(400);
        admin.put("/v2.0/quotas/" + project, "{\"quota\":{\"gpu\":2}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Unrecognized attribute(s) 'gpu'"));
        admin.put("/v2.0/quotas/" + project, "{\"quota\":{\"network\":\"many\"}}").then().statusCode(400);
        admin.put("/v2.0/quotas/" + project, "{\"quota\":{\"network\":-1}}").then().statusCode(200)
                .body("quota.network", equalTo(-1));
        member.network("q3", false);
        admin.delete("/v2.0/quotas/" + project).then().statusCode(204);
        admin.get("/v2.0/quotas").then().body("quotas.project_id", not(hasItem(project)));
        admin.get("/v2.0/quotas/" + project).then().body("quota", equalTo(DEFAULTS));
    }
}
