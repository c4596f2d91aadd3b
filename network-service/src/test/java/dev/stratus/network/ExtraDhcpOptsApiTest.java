package dev.stratus.network;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** extra_dhcp_opt: ports' extra DHCP options on create, update, show and list, with Neutron's validation. */
@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class ExtraDhcpOptsApiTest {

    private static final String TEMPEST_OPTS = "[{\"opt_value\":\"pxelinux.0\",\"opt_name\":\"bootfile-name\"},"
            + "{\"opt_value\":\"123.123.123.123\",\"opt_name\":\"tftp-server\"},"
            + "{\"opt_value\":\"123.123.123.45\",\"opt_name\":\"server-ip-address\"}]";

    @Inject
    NetworkTestKeys keys;

    private Neutron member() {
        return new Neutron(keys.member("dhcp-opts-user", "dhcp-opts-project"));
    }

    private static Map<String, Object> opt(String name, String value, int version) {
        return Map.of("opt_name", name, "opt_value", value, "ip_version", version);
    }

    @Test
    void createdWithOptionsTheyAreShownAndListed() {
        Neutron neutron = member();
        String network = neutron.network("dhcp-opts-a", false);
        neutron.subnet(network, "10.70.0.0/24");
        String id = neutron.port("{\"network_id\":\"" + network + "\",\"name\":\"pxe\",\"extra_dhcp_opts\":"
                + TEMPEST_OPTS + "}").getString("id");
        neutron.get("/v2.0/ports?network_id=" + network + "&name=pxe").then().statusCode(200)
                .body("ports[0].id", equalTo(id))
                .body("ports[0].extra_dhcp_opts", containsInAnyOrder(opt("bootfile-name", "pxelinux.0", 4),
                        opt("tftp-server", "123.123.123.123", 4), opt("server-ip-address", "123.123.123.45", 4)));
        neutron.get("/v2.0/ports/" + id + "?fields=extra_dhcp_opts").then().statusCode(200)
                .body("port.extra_dhcp_opts.size()", equalTo(3));
        String plain = neutron.portOn(network).getString("id");
        neutron.get("/v2.0/ports/" + plain).then().body("port.extra_dhcp_opts", empty());
    }

    @Test
    void anUpdateChangesTheOptionsItNamesAndANullValueRemovesOne() {
        Neutron neutron = member();
        String network = neutron.network("dhcp-opts-b", false);
        neutron.subnet(network, "10.71.0.0/24");
        neutron.subnet(network, "2001:db8:71::/64");
        String id = neutron.portOn(network).getString("id");
        long revision = neutron.get("/v2.0/ports/" + id).then().extract().jsonPath().getLong("port.revision_number");
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"name\":\"renamed\",\"extra_dhcp_opts\":" + TEMPEST_OPTS
                + "}}").then().statusCode(200)
                .body("port.name", equalTo("renamed"))
                .body("port.extra_dhcp_opts.size()", equalTo(3));
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"extra_dhcp_opts\":["
                + "{\"opt_name\":\"tftp-server\",\"opt_value\":\"10.71.0.9\"},"
                + "{\"opt_name\":\"bootfile-name\",\"opt_value\":null},"
                + "{\"opt_name\":\"dns-server\",\"opt_value\":\"2001:db8::53\",\"ip_version\":\"6\"},"
                + "{\"opt_name\":\"router\",\"opt_value\":\"\"},"
                + "{\"opt_name\":\"ntp-server\",\"opt_value\":null}]}}").then().statusCode(200);
        neutron.get("/v2.0/ports/" + id).then().statusCode(200)
                .body("port.extra_dhcp_opts", containsInAnyOrder(opt("tftp-server", "10.71.0.9", 4),
                        opt("server-ip-address", "123.123.123.45", 4), opt("dns-server", "2001:db8::53", 6),
                        opt("router", "", 4)))
                .body("port.revision_number", equalTo((int) revision + 2));
        // An empty list, null, or an update without the attribute leave them as they are.
        for (String body : new String[] {"{\"extra_dhcp_opts\":[]}", "{\"extra_dhcp_opts\":null}", "{\"name\":\"x\"}"}) {
            neutron.put("/v2.0/ports/" + id, "{\"port\":" + body + "}").then().statusCode(200)
                    .body("port.extra_dhcp_opts.size()", equalTo(4));
        }
        // The IP version tells options of the same name apart; a removal names the version.
        neutron.put("/v2.0/ports/" + id, "{\"port\":{\"extra_dhcp_opts\":["
                + "{\"opt_name\":\"dns-server\",\"opt_value\":\"10.71.0.53\",\"ip_version\":4},"
                + "{\"opt_name\":\"dns-server\",\"opt_value\":null,\"ip_version\":6}]}}").then().statusCode(200)
                .body("port.extra_dhcp_opts", hasItem(opt("dns-server", "10.71.0.53", 4)))
                .body("port.extra_dhcp_opts.findAll { it.ip_version == 6 }", empty());
    }

    @Test
    void createSkipsOptionsWithoutAValue() {
        Neutron neutron = member();
        String network = neutron.network("dhcp-opts-c", false);
        neutron.port("{\"network_id\":\"" + network + "\",\"name\":\"skip\",\"extra_dhcp_opts\":["
                + "{\"opt_name\":\"bootfile-name\",\"opt_value\":null},"
                + "{\"opt_name\":\"classless-static-route\",\"opt_value\":\"\"},"
                + "{\"opt_name\":\"67\",\"opt_value\":\"pxelinux.0\",\"ip_version\":6}]}");
        neutron.get("/v2.0/ports?network_id=" + network + "&name=skip").then()
                .body("ports[0].extra_dhcp_opts", containsInAnyOrder(opt("classless-static-route", "", 4),
                        opt("67", "pxelinux.0", 6)));
    }

    @Test
    void invalidOptionsAreRefusedWithNeutronsMessages() {
        Neutron neutron = member();
        String network = neutron.network("dhcp-opts-d", false);
        String id = neutron.portOn(network).getString("id");
        Map<String, String> cases = Map.of(
                "[{\"opt_name\":\"tftp-server\",\"opt_value\":\"\"}]",
                "No valid key specs matched for: {'opt_name': 'tftp-server', 'opt_value': ''}",
                "[{\"opt_name\":\"tftp-server\"}]",
                "No valid key specs matched for: {'opt_name': 'tftp-server'}",
                "[{\"opt_name\":\"a\",\"opt_value\":\"b\",\"ip_version\":5}]",
                "No valid key specs matched for: {'opt_name': 'a', 'opt_value': 'b', 'ip_version': 5}",
                "[{\"opt_name\":\"a\",\"opt_value\":\"b\",\"ip_version\":\"four\"}]",
                "'four' is not an integer",
                "[{\"opt_name\":\"a\",\"opt_value\":\"b\",\"colour\":\"red\"}]",
                "No valid key specs matched for: {'opt_name': 'a', 'opt_value': 'b', 'colour': 'red'}",
                "[{\"opt_name\":\"a\",\"opt_value\":\"line one\\nline two\"}]",
                "No valid key specs matched for: {'opt_name': 'a', 'opt_value': 'line one\\nline two'}",
                "[{\"opt_name\":\"a\",\"opt_value\":\"b\"},{\"opt_value\":\"b\",\"opt_name\":\"a\"}]",
                "Duplicate items in the list: '{'opt_value': 'b', 'opt_name': 'a'}'",
                "\"bootfile-name\"", "'bootfile-name' is not a list",
                "[\"bootfile-name\"]", "No valid key specs matched for: bootfile-name",
                "[{\"opt_name\":\"" + "n".repeat(65) + "\",\"opt_value\":\"b\"}]",
                "No valid key specs matched for: {'opt_name': '" + "n".repeat(65) + "', 'opt_value': 'b'}");
        cases.forEach((opts, reason) -> {
            neutron.post("/v2.0/ports", "{\"port\":{\"network_id\":\"" + network + "\",\"extra_dhcp_opts\":" + opts
                    + "}}").then().statusCode(400)
                    .body("NeutronError.type", equalTo("InvalidInput"))
                    .body("NeutronError.message", equalTo("Invalid input for operation: " + reason + "."));
            neutron.put("/v2.0/ports/" + id, "{\"port\":{\"extra_dhcp_opts\":" + opts + "}}").then().statusCode(400)
                    .body("NeutronError.message", equalTo("Invalid input for operation: " + reason + "."));
        });
        neutron.get("/v2.0/ports?extra_dhcp_opts=x").then().statusCode(400);
    }
}
