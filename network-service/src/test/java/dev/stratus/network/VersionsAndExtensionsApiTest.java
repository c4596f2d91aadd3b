package dev.stratus.network;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = NetworkTestResource.class, restrictToAnnotatedClass = false)
class VersionsAndExtensionsApiTest {

    @Inject
    NetworkTestKeys keys;

    @Test
    void versionsDocumentNeedsNoTokenAndListsV2() {
        given().get("/").then().statusCode(200)
                .body("versions.id", contains("v2.0"))
                .body("versions[0].status", equalTo("CURRENT"))
                .body("versions[0].links[0].rel", equalTo("self"))
                .body("versions[0].links[0].href", endsWith("/v2.0/"));
    }

    @Test
    void versionResourcesNameTheCollections() {
        Neutron neutron = new Neutron(keys.member("ext-user", "ext-project"));
        neutron.get("/v2.0").then().statusCode(200)
                .body("resources.name", hasItems("network", "subnet", "port", "security_group", "router", "floatingip"))
                .body("resources.find { it.name == 'port' }.collection", equalTo("ports"))
                .body("resources.find { it.name == 'port' }.links[0].href", endsWith("/v2.0/ports"));
        neutron.get("/v2.0/").then().statusCode(200)
                .body("resources.name", hasItems("network", "subnet", "port"));
        given().get("/v2.0").then().statusCode(401)
                .body("NeutronError.type", equalTo("NotAuthorized"));
    }

    @Test
    void serviceProvidersNameTheOneRouterImplementation() {
        Neutron neutron = new Neutron(keys.member("ext-user", "ext-project"));
        neutron.get("/v2.0/service-providers").then().statusCode(200)
                .body("service_providers.size()", equalTo(1))
                .body("service_providers[0].service_type", equalTo("L3_ROUTER_NAT"))
                .body("service_providers[0].name", equalTo("single_node"))
                .body("service_providers[0].default", equalTo(true));
        neutron.get("/v2.0/service-providers?service_type=LOADBALANCERV2").then().statusCode(200)
                .body("service_providers.size()", equalTo(0));
        neutron.get("/v2.0/service-providers?service_type=L3_ROUTER_NAT&fields=name").then().statusCode(200)
                .body("service_providers[0].keySet()", containsInAnyOrder("name"));
        neutron.get("/v2.0/extensions/service-type").then().statusCode(200)
                .body("extension.name", equalTo("Neutron Service Type Management"));
        given().get("/v2.0/service-providers").then().statusCode(401);
    }

    @Test
    void unknownPathsAndMethodsAreNeutronFaults() {
        Neutron neutron = new Neutron(keys.member("ext-user", "ext-project"));
        neutron.get("/v2.0/widgets").then().statusCode(404).body("NeutronError.message",
                equalTo("The resource could not be found."));
        neutron.post("/v2.0/networks/" + java.util.UUID.randomUUID(), "{}").then().statusCode(405)
                .body("NeutronError.type", equalTo("MethodNotAllowed"));
        given().header("X-Auth-Token", "not-a-token").get("/v2.0/networks").then().statusCode(401)
                .body("NeutronError.type", equalTo("NotAuthorized"));
    }

    @Test
    void extensionsListOnlyWhatIsImplementedAndShowEach() {
        Neutron neutron = new Neutron(keys.member("ext-user", "ext-project"));
        neutron.get("/v2.0/extensions").then().statusCode(200)
                .body("extensions.alias", hasItems("security-group", "router", "ext-gw-mode", "external-net",
                        "provider", "binding", "port-security", "allowed-address-pairs", "standard-attr-tag",
                        "standard-attr-timestamp", "standard-attr-revisions", "standard-attr-description", "quotas",
                        "project-id", "pagination", "sorting", "net-mtu", "extraroute", "dns-integration",
                        "extra_dhcp_opt", "subnet_allocation", "default-subnetpools", "subnetpool-prefix-ops"))
                .body("extensions.alias", hasItems("agent", "dhcp_agent_scheduler"))
                .body("extensions.alias", not(hasItem("address-scope")))
                .body("extensions.alias", not(hasItem("dvr")))
                .body("extensions[0].keySet()", containsInAnyOrder("name", "alias", "description", "updated", "links"));
        neutron.get("/v2.0/extensions/router").then().statusCode(200)
                .body("extension.alias", equalTo("router"))
                .body("extension.name", equalTo("Neutron L3 Router"))
                .body("extension.updated", equalTo("2012-07-20T10:00:00-00:00"));
        neutron.get("/v2.0/extensions/subnet_allocation").then().statusCode(200)
                .body("extension.name", equalTo("Subnet Allocation"))
                .body("extension.updated", equalTo("2015-03-30T10:00:00-00:00"));
        neutron.get("/v2.0/extensions/dvr").then().statusCode(404)
                .body("NeutronError.message", equalTo("Extension with alias dvr does not exist"));
    }
}
