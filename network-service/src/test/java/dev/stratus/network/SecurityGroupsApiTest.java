package dev.stratus.network;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class SecurityGroupsApiTest {

    @Inject
    NetworkTestKeys keys;

    private static String rule(String group, String extra) {
        return "{\"security_group_rule\":{\"security_group_id\":\"" + group + "\",\"direction\":\"ingress\"" + extra
                + "}}";
    }

    @Test
    void aProjectsFirstListingMakesItsDefaultGroupWithNeutronsFourRules() {
        Neutron neutron = new Neutron(keys.member("sg-alice", "sg-project-a"));
        JsonPath listed = neutron.get("/v2.0/security-groups").then().statusCode(200)
                .body("security_groups", hasSize(1))
                .body("security_groups[0].name", equalTo("default"))
                .body("security_groups[0].description", equalTo("Default security group"))
                .body("security_groups[0].project_id", equalTo("sg-project-a"))
                .body("security_groups[0].keySet()", containsInAnyOrder("id", "name", "tenant_id", "project_id",
                        "security_group_rules", "description", "tags", "created_at", "updated_at", "revision_number"))
                .extract().jsonPath();
        String id = listed.getString("security_groups[0].id");
        List<Map<String, Object>> rules = listed.getList("security_groups[0].security_group_rules");
        assertEquals(4, rules.size());
        assertEquals(List.of("egress IPv4 null null", "egress IPv6 null null", "ingress IPv4 null " + id,
                "ingress IPv6 null " + id), rules.stream().map(r -> r.get("direction") + " " + r.get("ethertype") + " "
                        + r.get("remote_ip_prefix") + " " + r.get("remote_group_id")).sorted().toList());
        rules.forEach(r -> {
            assertEquals(null, r.get("protocol"));
            assertEquals(null, r.get("port_range_min"));
            assertEquals(id, r.get("security_group_id"));
        });
        neutron.get("/v2.0/security-groups").then().body("security_groups", hasSize(1));
        neutron.delete("/v2.0/security-groups/" + id).then().statusCode(409)
                .body("NeutronError.type", equalTo("SecurityGroupCannotRemoveDefault"))
                .body("NeutronError.message", equalTo("Insufficient rights for removing default security group."));
        neutron.put("/v2.0/security-groups/" + id, "{\"security_group\":{\"name\":\"mine\"}}").then().statusCode(409)
                .body("NeutronError.type", equalTo("SecurityGroupCannotUpdateDefault"));
        neutron.post("/v2.0/security-groups", "{\"security_group\":{\"name\":\"default\"}}").then().statusCode(409)
                .body("NeutronError.message", equalTo("Default security group already exists."));
    }

    @Test
    void groupsAreCreatedWithEgressRulesRenamedAndDeletedUnlessInUse() {
        Neutron neutron = new Neutron(keys.member("sg-bob", "sg-project-b"));
        JsonPath group = neutron.securityGroup("web");
        String id = group.getString("id");
        assertEquals(2, group.getList("security_group_rules").size());
        assertEquals(List.of("egress", "egress"), group.getList("security_group_rules.direction"));
        neutron.put("/v2.0/security-groups/" + id, "{\"security_group\":{\"name\":\"web2\",\"description\":\"d\"}}")
                .then().statusCode(200).body("security_group.name", equalTo("web2"))
                .body("security_group.description", equalTo("d"));
        neutron.put("/v2.0/security-groups/" + id, "{\"security_group\":{\"name\":\"default\"}}").then().statusCode(409);
        String network = neutron.network("sg-net", false);
        neutron.subnet(network, "10.70.0.0/24");
        String port = neutron.port("{\"network_id\":\"" + network + "\",\"security_groups\":[\"" + id + "\"]}")
                .getString("id");
        neutron.delete("/v2.0/security-groups/" + id).then().statusCode(409)
                .body("NeutronError.type", equalTo("SecurityGroupInUse"))
                .body("NeutronError.message", equalTo("Security Group " + id + " in use."));
        neutron.delete("/v2.0/ports/" + port).then().statusCode(204);
        String rule = neutron.post("/v2.0/security-group-rules", rule(id, ",\"protocol\":\"tcp\"")).then()
                .statusCode(201).extract().path("security_group_rule.id");
        neutron.delete("/v2.0/security-groups/" + id).then().statusCode(204);
        neutron.get("/v2.0/security-group-rules/" + rule).then().statusCode(404)
                .body("NeutronError.message", equalTo("Security group rule " + rule + " does not exist"));
        neutron.get("/v2.0/security-groups/" + id).then().statusCode(404)
                .body("NeutronError.type", equalTo("SecurityGroupNotFound"))
                .body("NeutronError.message", equalTo("Security group " + id + " does not exist"));
    }

    @Test
    void rulesAreCheckedAndShownAsNeutronDoes() {
        Neutron neutron = new Neutron(keys.member("sg-carol", "sg-project-c"));
        String group = neutron.securityGroup("rules").getString("id");
        String remote = neutron.securityGroup("remote").getString("id");
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":\"TCP\",\"port_range_min\":22,"
                + "\"port_range_max\":22,\"remote_ip_prefix\":\"10.0.0.5/24\",\"description\":\"ssh\"")).then()
                .statusCode(201)
                .body("security_group_rule.keySet()", containsInAnyOrder("id", "tenant_id", "project_id",
                        "security_group_id", "ethertype", "direction", "protocol", "port_range_min", "port_range_max",
                        "remote_ip_prefix", "remote_group_id", "normalized_cidr", "description", "created_at",
                        "updated_at", "revision_number"))
                .body("security_group_rule.protocol", equalTo("tcp"))
                .body("security_group_rule.ethertype", equalTo("IPv4"))
                .body("security_group_rule.remote_ip_prefix", equalTo("10.0.0.5/24"))
                .body("security_group_rule.normalized_cidr", equalTo("10.0.0.0/24"))
                .body("security_group_rule.description", equalTo("ssh"));
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":17,\"remote_group_id\":\"" + remote + "\""))
                .then().statusCode(201).body("security_group_rule.protocol", equalTo("17"))
                .body("security_group_rule.remote_group_id", equalTo(remote));
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":\"icmp\",\"port_range_min\":8,"
                + "\"port_range_max\":0,\"ethertype\":\"ipv6\"")).then().statusCode(201)
                .body("security_group_rule.protocol", equalTo("ipv6-icmp"))
                .body("security_group_rule.ethertype", equalTo("IPv6"));
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":\"udp\",\"port_range_min\":1,"
                + "\"port_range_max\":65535")).then().statusCode(201)
                .body("security_group_rule.port_range_min", nullValue());

        expect400(neutron, rule(group, ",\"protocol\":\"tcp\",\"port_range_min\":-16,\"port_range_max\":80"),
                "SecurityGroupInvalidPortValue", "Invalid value for port -16");
        expect400(neutron, rule(group, ",\"protocol\":\"tcp\",\"port_range_min\":80,\"port_range_max\":79"),
                "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
        expect400(neutron, rule(group, ",\"protocol\":\"tcp\",\"port_range_max\":6"),
                "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
        expect400(neutron, rule(group, ",\"protocol\":\"icmp\",\"port_range_min\":1,\"port_range_max\":256"),
                "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.");
        expect400(neutron, rule(group, ",\"protocol\":\"icmp\",\"port_range_max\":6"),
                "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) 6 is provided but ICMP type (port-range-min) "
                        + "is missing.");
        expect400(neutron, rule(group, ",\"protocol\":\"icmp\",\"port_range_min\":300,\"port_range_max\":1"),
                "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.");
        expect400(neutron, rule(group, ",\"protocol\":\"gre\",\"port_range_min\":1,\"port_range_max\":2"),
                "SecurityGroupInvalidProtocolForPort", "Ports cannot be specified for protocol 47. Ports are only "
                        + "supported for DCCP, SCTP, TCP, UDP, UDPLITE.");
        expect400(neutron, rule(group, ",\"port_range_min\":1,\"port_range_max\":2"),
                "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given.");
        expect400(neutron, rule(group, ",\"protocol\":\"bad_protocol_name\""), "SecurityGroupRuleInvalidProtocol", null);
        expect400(neutron, rule(group, ",\"ethertype\":\"bad\""), "SecurityGroupRuleInvalidEtherType",
                "Security group rule for ethertype 'bad' not supported. Allowed values are ['IPv4', 'IPv6'].");
        expect400(neutron, rule(group, ",\"ethertype\":\"IPv6\",\"remote_ip_prefix\":\"10.0.0.0/24\""),
                "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/24");
        expect400(neutron, rule(group, ",\"remote_ip_prefix\":\"192.168.1./24\""), "InvalidCIDR",
                "Invalid CIDR 192.168.1./24 given as IP prefix.");
        expect400(neutron, rule(group, ",\"remote_ip_prefix\":\"10.0.0.0/8\",\"remote_group_id\":\"" + remote + "\""),
                "SecurityGroupMultipleRemoteEntites", null);
        expect400(neutron, rule(group, ",\"protocol\":\"ipv6-icmp\""), "SecurityGroupEthertypeConflictWithProtocol",
                "Invalid ethertype IPv4 for protocol ipv6-icmp.");
        neutron.post("/v2.0/security-group-rules", "{\"security_group_rule\":{\"security_group_id\":\"" + group
                + "\",\"direction\":\"sideways\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for direction. Reason: sideways is not in "
                        + "['ingress', 'egress']."));
        String missing = UUID.randomUUID().toString();
        neutron.post("/v2.0/security-group-rules", rule(missing, "")).then().statusCode(404)
                .body("NeutronError.type", equalTo("SecurityGroupNotFound"));
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"remote_group_id\":\"bad_group_id\"")).then()
                .statusCode(404).body("NeutronError.message", equalTo("Security group bad_group_id does not exist"));

        neutron.get("/v2.0/security-group-rules?security_group_id=" + group + "&direction=ingress").then()
                .statusCode(200).body("security_group_rules", hasSize(4));
        new Neutron(keys.member("sg-intruder", "sg-project-x")).get("/v2.0/security-group-rules?security_group_id="
                + group).then().statusCode(200).body("security_group_rules", hasSize(0));
    }

    @Test
    void aDuplicateRuleIs409NamingTheRuleThatExists() {
        Neutron neutron = new Neutron(keys.member("sg-dave", "sg-project-d"));
        String group = neutron.securityGroup("dups").getString("id");
        String first = neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":\"tcp\","
                + "\"port_range_min\":66,\"port_range_max\":67")).then().statusCode(201).extract()
                .path("security_group_rule.id");
        neutron.post("/v2.0/security-group-rules", rule(group, ",\"protocol\":\"6\",\"port_range_min\":66,"
                + "\"port_range_max\":67,\"description\":\"same rule, protocol by number\"")).then().statusCode(409)
                .body("NeutronError.type", equalTo("SecurityGroupRuleExists"))
                .body("NeutronError.message", equalTo("Security group rule already exists. Rule id is " + first + "."));
        String egress = neutron.get("/v2.0/security-group-rules?security_group_id=" + group + "&direction=egress"
                + "&ethertype=IPv4").jsonPath().getString("security_group_rules[0].id");
        neutron.post("/v2.0/security-group-rules", "{\"security_group_rule\":{\"security_group_id\":\"" + group
                + "\",\"direction\":\"egress\",\"remote_ip_prefix\":\"0.0.0.0/0\"}}").then().statusCode(409)
                .body("NeutronError.message", equalTo("Security group rule already exists. Rule id is " + egress + "."));
        neutron.post("/v2.0/security-group-rules", "{\"security_group_rules\":[" + rule(group, ",\"protocol\":\"udp\"")
                .replace("{\"security_group_rule\":", "").replaceAll("}$", "") + "," + rule(group, ",\"protocol\":\"udp\"")
                .replace("{\"security_group_rule\":", "").replaceAll("}$", "") + "]}").then().statusCode(409)
                .body("NeutronError.type", equalTo("DuplicateSecurityGroupRuleInPost"));
    }

    @Test
    void parallelIdenticalRulesMakeOneRuleAndTheOthersAre409NamingIt() throws Exception {
        Neutron neutron = new Neutron(keys.member("sg-erin", "sg-project-e"));
        String group = neutron.securityGroup("race").getString("id");
        String body = rule(group, ",\"protocol\":\"tcp\",\"port_range_min\":443,\"port_range_max\":443");
        List<Response> answers = Parallel.run(16, () -> neutron.post("/v2.0/security-group-rules", body));
        List<Response> created = answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(1, created.size(), answers.stream().map(Response::asString).toList().toString());
        String id = created.get(0).jsonPath().getString("security_group_rule.id");
        for (Response r : answers) {
            if (r.statusCode() != 201) {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("SecurityGroupRuleExists", r.jsonPath().getString("NeutronError.type"));
                assertEquals("Security group rule already exists. Rule id is " + id + ".",
                        r.jsonPath().getString("NeutronError.message"));
            }
        }
        neutron.get("/v2.0/security-group-rules?security_group_id=" + group + "&port_range_min=443").then()
                .body("security_group_rules", hasSize(1));
    }

    @Test
    void anotherProjectsGroupIsInvisible() {
        Neutron owner = new Neutron(keys.member("sg-frank", "sg-project-f"));
        String group = owner.securityGroup("private").getString("id");
        Neutron other = new Neutron(keys.member("sg-gina", "sg-project-g"));
        other.get("/v2.0/security-groups/" + group).then().statusCode(404);
        other.get("/v2.0/security-groups").then().body("security_groups.id", not(hasItem(group)));
        other.post("/v2.0/security-group-rules", rule(group, "")).then().statusCode(404);
        other.delete("/v2.0/security-groups/" + group).then().statusCode(404);
        new Neutron(keys.admin()).get("/v2.0/security-groups/" + group).then().statusCode(200);
    }

    private static void expect400(Neutron neutron, String body, String type, String message) {
        var then = neutron.post("/v2.0/security-group-rules", body).then().statusCode(400)
                .body("NeutronError.type", equalTo(type));
        if (message != null) {
            then.body("NeutronError.message", equalTo(message));
        }
    }
}
