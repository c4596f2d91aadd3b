package dev.stratus.network;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class MeteringApiTest {

    private static final String LABELS = "/v2.0/metering/metering-labels";
    private static final String RULES = "/v2.0/metering/metering-label-rules";

    @Inject
    NetworkTestKeys keys;

    private Neutron admin() {
        return new Neutron(keys.admin());
    }

    static JsonPath label(Neutron neutron, String json) {
        Response r = neutron.post(LABELS, "{\"metering_label\":" + json + "}");
        if (r.statusCode() != 201) {
            throw new AssertionError("create metering label answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().setRootPath("metering_label");
    }

    static Response createRule(Neutron neutron, String json) {
        return neutron.post(RULES, "{\"metering_label_rule\":" + json + "}");
    }

    static JsonPath rule(Neutron neutron, String json) {
        Response r = createRule(neutron, json);
        if (r.statusCode() != 201) {
            throw new AssertionError("create metering label rule answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().setRootPath("metering_label_rule");
    }

    @Test
    void labelsAndRulesAsTempestUsesThem() {
        Neutron admin = admin();
        JsonPath created = label(admin, "{\"name\":\"metering-label-t\",\"description\":\"made by a test\"}");
        String id = created.getString("id");
        admin.get(LABELS + "/" + id).then().statusCode(200)
                .body("metering_label.keySet()", containsInAnyOrder("id", "name", "description", "shared",
                        "project_id", "tenant_id"))
                .body("metering_label.name", equalTo("metering-label-t"))
                .body("metering_label.description", equalTo("made by a test"))
                .body("metering_label.shared", equalTo(false))
                .body("metering_label.project_id", equalTo("admin-project"))
                .body("metering_label.tenant_id", equalTo("admin-project"));
        admin.get(LABELS + "?id=" + id).then().statusCode(200).body("metering_labels.id", contains(id));
        admin.get(LABELS + "?id=33").then().statusCode(200).body("metering_labels", empty());

        for (String[] prefixes : new String[][] {{"10.0.0.0/24", "10.0.1.0/24"}, {"fd02::/64", "fd03::/64"}}) {
            JsonPath first = rule(admin, "{\"remote_ip_prefix\":\"" + prefixes[0] + "\",\"direction\":\"ingress\","
                    + "\"metering_label_id\":\"" + id + "\"}");
            admin.get(RULES + "/" + first.getString("id")).then().statusCode(200)
                    .body("metering_label_rule.keySet()", containsInAnyOrder("id", "metering_label_id", "direction",
                            "remote_ip_prefix", "source_ip_prefix", "destination_ip_prefix", "excluded"))
                    .body("metering_label_rule.remote_ip_prefix", equalTo(prefixes[0]))
                    .body("metering_label_rule.source_ip_prefix", nullValue())
                    .body("metering_label_rule.direction", equalTo("ingress"))
                    .body("metering_label_rule.metering_label_id", equalTo(id))
                    .body("metering_label_rule.excluded", equalTo(false));
            String second = rule(admin, "{\"remote_ip_prefix\":\"" + prefixes[1] + "\",\"direction\":\"ingress\","
                    + "\"metering_label_id\":\"" + id + "\"}").getString("id");
            admin.get(RULES + "?id=" + second).then().statusCode(200).body("metering_label_rules.id", contains(second));
            admin.delete(RULES + "/" + second).then().statusCode(204);
            admin.get(RULES + "?id=" + second).then().statusCode(200).body("metering_label_rules", empty());
        }
        admin.get(RULES + "?id=33").then().statusCode(200).body("metering_label_rules", empty());

        admin.delete(LABELS + "/" + id).then().statusCode(204);
        admin.get(LABELS + "?id=" + id).then().statusCode(200).body("metering_labels", empty());
        admin.get(RULES + "?metering_label_id=" + id).then().statusCode(200).body("metering_label_rules", empty());
        admin.get(LABELS + "/" + id).then().statusCode(404)
                .body("NeutronError.type", equalTo("MeteringLabelNotFound"))
                .body("NeutronError.message", equalTo("Metering label '" + id + "' does not exist."));
        admin.delete(LABELS + "/" + id).then().statusCode(404)
                .body("NeutronError.type", equalTo("MeteringLabelNotFound"));
    }

    @Test
    void sourceAndDestinationPrefixesAreCheckedAsThePluginChecksThem() {
        Neutron admin = admin();
        String id = label(admin, "{\"name\":\"sd\"}").getString("id");
        String label = "\"metering_label_id\":\"" + id + "\"";
        JsonPath both = rule(admin, "{" + label + ",\"direction\":\"egress\",\"excluded\":true,"
                + "\"source_ip_prefix\":\"192.168.1.7/24\",\"destination_ip_prefix\":\"203.0.113.9\"}");
        org.hamcrest.MatcherAssert.assertThat(both.getString("source_ip_prefix"), equalTo("192.168.1.7/24"));
        org.hamcrest.MatcherAssert.assertThat(both.getString("destination_ip_prefix"), equalTo("203.0.113.9/32"));
        org.hamcrest.MatcherAssert.assertThat(both.getString("remote_ip_prefix"), nullValue());
        org.hamcrest.MatcherAssert.assertThat(both.getBoolean("excluded"), equalTo(true));

        createRule(admin, "{" + label + ",\"direction\":\"egress\",\"remote_ip_prefix\":\"10.1.0.0/16\","
                + "\"source_ip_prefix\":\"10.2.0.0/16\"}").then().statusCode(500)
                .body("NeutronError.type", equalTo("Invalid"))
                .body("NeutronError.message", equalTo("Cannot use 'remote-ip-prefix' in conjunction with "
                        + "'source-ip-prefix' or 'destination-ip-prefix'."));
        createRule(admin, "{" + label + ",\"direction\":\"egress\"}").then().statusCode(500)
                .body("NeutronError.message", equalTo("You must define at least one of the following parameters "
                        + "'remote_ip_prefix', or 'source_ip_prefix' or 'destination_ip_prefix'."));
        createRule(admin, "{" + label + ",\"direction\":\"egress\",\"source_ip_prefix\":\"10.0.0.0/33\"}").then()
                .statusCode(500).body("NeutronError.message", equalTo("source_ip_prefix: 10.0.0.0/33 is invalid "
                        + "['10.0.0.0/33' does not appear to be an IPv4 or IPv6 interface]."));
        admin.get(RULES + "?metering_label_id=" + id + "&direction=egress&excluded=true").then().statusCode(200)
                .body("metering_label_rules.id", contains(both.getString("id")));
        admin.get(RULES + "?metering_label_id=" + id + "&direction=ingress").then().statusCode(200)
                .body("metering_label_rules", empty());
        admin.delete(LABELS + "/" + id).then().statusCode(204);
        admin.get(RULES + "/" + both.getString("id")).then().statusCode(404)
                .body("NeutronError.type", equalTo("MeteringLabelRuleNotFound"))
                .body("NeutronError.message", equalTo("Metering label rule '" + both.getString("id")
                        + "' does not exist."));
    }

    @Test
    void bodiesAreValidatedAndOverlapsRefused() {
        Neutron admin = admin();
        String id = label(admin, "{\"name\":\"overlaps\"}").getString("id");
        String label = "\"metering_label_id\":\"" + id + "\"";
        rule(admin, "{" + label + ",\"direction\":\"ingress\",\"remote_ip_prefix\":\"10.5.0.0/16\"}");
        createRule(admin, "{" + label + ",\"direction\":\"ingress\",\"remote_ip_prefix\":\"10.5.3.0/24\"}").then()
                .statusCode(409).body("NeutronError.type", equalTo("MeteringLabelRuleOverlaps"))
                .body("NeutronError.message", equalTo("Metering label rule with remote_ip_prefix '10.5.3.0/24' "
                        + "overlaps another."));
        // another direction, or an exclusion, may cover the same addresses
        rule(admin, "{" + label + ",\"direction\":\"egress\",\"remote_ip_prefix\":\"10.5.3.0/24\"}");
        rule(admin, "{" + label + ",\"direction\":\"ingress\",\"excluded\":true,\"remote_ip_prefix\":\"10.5.3.0/24\"}");

        createRule(admin, "{" + label + ",\"remote_ip_prefix\":\"10.6.0.0/16\"}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Failed to parse request. Required attribute 'direction' not "
                        + "specified"));
        createRule(admin, "{" + label + ",\"direction\":\"sideways\",\"remote_ip_prefix\":\"10.6.0.0/16\"}").then()
                .statusCode(400).body("NeutronError.message", equalTo("Invalid input for direction. Reason: "
                        + "sideways is not in ['ingress', 'egress']."));
        createRule(admin, "{\"metering_label_id\":\"nope\",\"direction\":\"ingress\",\"remote_ip_prefix\":"
                + "\"10.6.0.0/16\"}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Invalid input for metering_label_id. Reason: 'nope' is not a "
                        + "valid UUID."));
        String missing = UUID.randomUUID().toString();
        createRule(admin, "{\"metering_label_id\":\"" + missing + "\",\"direction\":\"ingress\","
                + "\"remote_ip_prefix\":\"10.6.0.0/16\"}").then().statusCode(404)
                .body("NeutronError.type", equalTo("MeteringLabelNotFound"));
        admin.post(LABELS, "{\"metering_label\":{\"name\":\"x\",\"colour\":\"red\"}}").then().statusCode(400)
                .body("NeutronError.message", equalTo("Unrecognized attribute(s) 'colour'"));
        admin.get(LABELS + "?colour=red").then().statusCode(400);
        admin.delete(LABELS + "/" + id).then().statusCode(204);
    }

    @Test
    void onlyAdminsManageLabelsAndMembersSeeNone() {
        Neutron admin = admin();
        Neutron member = new Neutron(keys.member("meter-user", "meter-project"));
        String id = label(admin, "{\"name\":\"policed\",\"tenant_id\":\"meter-project\"}").getString("id");
        String ruleId = rule(admin, "{\"metering_label_id\":\"" + id + "\",\"direction\":\"egress\","
                + "\"remote_ip_prefix\":\"0.0.0.0/0\"}").getString("id");
        admin.get(LABELS + "/" + id).then().body("metering_label.project_id", equalTo("meter-project"));

        member.post(LABELS, "{\"metering_label\":{\"name\":\"mine\"}}").then().statusCode(403)
                .body("NeutronError.message", equalTo("(rule:create_metering_label) is disallowed by policy"));
        member.post(RULES, "{\"metering_label_rule\":{\"metering_label_id\":\"" + id + "\",\"direction\":\"egress\","
                + "\"remote_ip_prefix\":\"10.9.0.0/16\"}}").then().statusCode(403);
        member.get(LABELS).then().statusCode(200).body("metering_labels", empty());
        member.get(RULES).then().statusCode(200).body("metering_label_rules", empty());
        member.get(LABELS + "/" + id).then().statusCode(404)
                .body("NeutronError.message", equalTo("The resource could not be found."));
        member.get(RULES + "/" + ruleId).then().statusCode(404);
        member.delete(RULES + "/" + ruleId).then().statusCode(404);
        member.delete(LABELS + "/" + id).then().statusCode(404);
        new Neutron(keys.service()).get(LABELS + "?shared=false").then().statusCode(200)
                .body("metering_labels.id", hasItem(id));
        admin.get(RULES + "/" + ruleId).then().statusCode(200);
        admin.delete(LABELS + "/" + id).then().statusCode(204);
    }

    @Test
    void listsFilterSortAndPage() {
        Neutron admin = admin();
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6);
        String a = label(admin, "{\"name\":\"" + prefix + "-a\",\"shared\":true}").getString("id");
        String b = label(admin, "{\"name\":\"" + prefix + "-b\"}").getString("id");
        String c = label(admin, "{\"name\":\"" + prefix + "-c\"}").getString("id");
        admin.get(LABELS + "?name=" + prefix + "-a&name=" + prefix + "-c&sort_key=name&sort_dir=desc").then()
                .statusCode(200).body("metering_labels.id", contains(c, a));
        admin.get(LABELS + "?shared=true&id=" + a + "&id=" + b).then().body("metering_labels.id", contains(a));
        admin.get(LABELS + "?id=" + a + "&id=" + b + "&id=" + c + "&sort_key=name&sort_dir=asc&limit=2&fields=id&fields=name")
                .then().statusCode(200)
                .body("metering_labels.id", contains(a, b))
                .body("metering_labels[0].keySet()", containsInAnyOrder("id", "name"))
                .body("metering_labels_links.rel", hasItem("next"));
        admin.get(LABELS + "?id=" + a + "&id=" + b + "&id=" + c + "&sort_key=name&sort_dir=asc&limit=2&marker=" + b).then()
                .body("metering_labels.id", contains(c));
        admin.get(LABELS + "?limit=1&marker=" + UUID.randomUUID()).then().statusCode(404)
                .body("NeutronError.type", equalTo("MeteringLabelNotFound"));
        admin.post(LABELS, "{\"metering_labels\":[{\"name\":\"" + prefix + "-bulk1\"},{\"name\":\"" + prefix
                + "-bulk2\"}]}").then().statusCode(201).body("metering_labels.name", contains(prefix + "-bulk1",
                        prefix + "-bulk2"));
        admin.get(LABELS + "?fields=name").then().body("metering_labels.name", hasItem(prefix + "-bulk2"))
                .body("metering_labels.name", not(hasItem("nothing-like-this")));
        for (String id : admin.get(LABELS).jsonPath().<String>getList("metering_labels.id")) {
            String name = admin.get(LABELS + "/" + id).jsonPath().getString("metering_label.name");
            if (name.startsWith(prefix)) {
                admin.delete(LABELS + "/" + id).then().statusCode(204);
            }
        }
    }
}
