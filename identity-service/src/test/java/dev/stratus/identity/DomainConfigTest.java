package dev.stratus.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keystone's domain-specific configuration: stored by option, sensitive options never shown, admin only. */
@QuarkusTest
class DomainConfigTest {

    private static final String LDAP_CONFIG = """
            {"config": {"identity": {"driver": "ldap"},
                        "ldap": {"url": "ldap://myldap.com:389/", "user_tree_dn": "ou=Users,dc=example,dc=org",
                                 "password": "s3cret"}}}""";

    private static RequestSpecification as(String token) {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    private static String newDomain(String admin) {
        return as(admin).body("{\"domain\": {\"name\": \"config-" + UUID.randomUUID() + "\"}}").post("/v3/domains")
                .then().statusCode(201).extract().path("domain.id");
    }

    @Test
    void configIsCreatedShownByGroupAndOptionAndReplaced() {
        String admin = Tokens.admin();
        String domain = newDomain(admin);
        as(admin).get("/v3/domains/" + domain + "/config").then().statusCode(404)
                .body("error.message", equalTo("Could not find any options in domain configuration for domain "
                        + domain + "."));
        as(admin).body(LDAP_CONFIG).put("/v3/domains/" + domain + "/config").then().statusCode(201)
                .body("config.identity.driver", equalTo("ldap"))
                .body("config.ldap.url", equalTo("ldap://myldap.com:389/"))
                .body("config.ldap", not(hasKey("password")));
        as(admin).get("/v3/domains/" + domain + "/config").then().statusCode(200)
                .body("config", aMapWithSize(2)).body("config.ldap", aMapWithSize(2));
        as(admin).get("/v3/domains/" + domain + "/config/ldap").then().statusCode(200)
                .body("config", aMapWithSize(1))
                .body("config.ldap.user_tree_dn", equalTo("ou=Users,dc=example,dc=org"));
        as(admin).head("/v3/domains/" + domain + "/config/ldap/url").then().statusCode(200);
        as(admin).get("/v3/domains/" + domain + "/config/ldap/url").then().statusCode(200)
                .body("config", aMapWithSize(1)).body("config.url", equalTo("ldap://myldap.com:389/"));
        // Sensitive: stored, never shown.
        as(admin).get("/v3/domains/" + domain + "/config/ldap/password").then().statusCode(404);
        // A second PUT replaces the whole configuration, with 200.
        as(admin).body("{\"config\": {\"identity\": {\"driver\": \"sql\", \"list_limit\": 5}}}")
                .put("/v3/domains/" + domain + "/config").then().statusCode(200)
                .body("config", aMapWithSize(1)).body("config.identity.list_limit", equalTo(5));
        as(admin).get("/v3/domains/" + domain + "/config/ldap").then().statusCode(404)
                .body("error.message", equalTo("Could not find group ldap in domain configuration for domain "
                        + domain + "."));
        delete(admin, domain);
    }

    @Test
    void updatesMergeAndDeletesRemoveWholeGroupOrOption() {
        String admin = Tokens.admin();
        String domain = newDomain(admin);
        as(admin).body(LDAP_CONFIG).put("/v3/domains/" + domain + "/config").then().statusCode(201);
        as(admin).body("{\"config\": {\"ldap\": {\"url\": \"ldap://other:389/\"}}}")
                .patch("/v3/domains/" + domain + "/config").then().statusCode(200)
                .body("config.ldap.url", equalTo("ldap://other:389/"))
                .body("config.identity.driver", equalTo("ldap"));
        as(admin).body("{\"config\": {\"identity\": {\"driver\": \"d1\", \"list_limit\": 42}}}")
                .patch("/v3/domains/" + domain + "/config/identity").then().statusCode(200)
                .body("config.identity.driver", equalTo("d1")).body("config.identity.list_limit", equalTo(42))
                .body("config.ldap.url", equalTo("ldap://other:389/"));
        as(admin).body("{\"config\": {\"driver\": \"d2\"}}")
                .patch("/v3/domains/" + domain + "/config/identity/driver").then().statusCode(200)
                .body("config.identity.driver", equalTo("d2"));
        // Through a group or option path, only that group or option, and it must be set already.
        as(admin).body("{\"config\": {\"ldap\": {\"url\": \"x\"}}}")
                .patch("/v3/domains/" + domain + "/config/identity").then().statusCode(403);
        as(admin).body("{\"config\": {\"user_filter\": \"(x=y)\"}}")
                .patch("/v3/domains/" + domain + "/config/ldap/user_filter").then().statusCode(404);
        as(admin).delete("/v3/domains/" + domain + "/config/identity/driver").then().statusCode(204);
        as(admin).get("/v3/domains/" + domain + "/config/identity/driver").then().statusCode(404)
                .body("error.message", equalTo("Could not find option driver in group identity in domain"
                        + " configuration for domain " + domain + "."));
        as(admin).get("/v3/domains/" + domain + "/config/identity/list_limit").then().statusCode(200)
                .body("config.list_limit", equalTo(42));
        as(admin).delete("/v3/domains/" + domain + "/config/identity").then().statusCode(204);
        as(admin).get("/v3/domains/" + domain + "/config/identity").then().statusCode(404);
        as(admin).delete("/v3/domains/" + domain + "/config/identity").then().statusCode(404);
        as(admin).delete("/v3/domains/" + domain + "/config").then().statusCode(204);
        as(admin).get("/v3/domains/" + domain + "/config").then().statusCode(404);
        delete(admin, domain);
    }

    @Test
    void unsupportedGroupsAndOptionsAre403AsKeystone() {
        String admin = Tokens.admin();
        String domain = newDomain(admin);
        as(admin).body("{\"config\": {\"assignment\": {\"driver\": \"sql\"}}}")
                .put("/v3/domains/" + domain + "/config").then().statusCode(403)
                .body("error.message", equalTo("Invalid domain specific configuration: Group assignment is not"
                        + " supported for domain specific configurations."));
        as(admin).body("{\"config\": {\"ldap\": {\"bogus\": 1}}}").put("/v3/domains/" + domain + "/config")
                .then().statusCode(403).body("error.message", equalTo("Invalid domain specific configuration:"
                        + " Option bogus in group ldap is not supported for domain specific configurations."));
        as(admin).body("{\"config\": {}}").put("/v3/domains/" + domain + "/config").then().statusCode(403)
                .body("error.message", equalTo("Invalid domain specific configuration: No options specified."));
        as(admin).body("{\"config\": {\"ldap\": \"x\"}}").put("/v3/domains/" + domain + "/config").then()
                .statusCode(403);
        as(admin).get("/v3/domains/" + domain + "/config/ldap/bogus").then().statusCode(403);
        as(admin).body(LDAP_CONFIG).put("/v3/domains/missing-domain/config").then().statusCode(404)
                .body("error.message", equalTo("Could not find domain: missing-domain."));
        as(Tokens.demo()).body(LDAP_CONFIG).put("/v3/domains/" + domain + "/config").then().statusCode(403)
                .body("error.message", equalTo("You are not authorized to perform the requested action:"
                        + " identity:create_domain_config."));
        as(Tokens.demo()).get("/v3/domains/" + domain + "/config").then().statusCode(403);
        as(Tokens.demo()).get("/v3/domains/config/default").then().statusCode(403);
        delete(admin, domain);
    }

    @Test
    void defaultsAreKeystones() {
        String admin = Tokens.admin();
        as(admin).get("/v3/domains/config/default").then().statusCode(200)
                .body("config", aMapWithSize(2))
                .body("config.identity.driver", equalTo("sql"))
                .body("config.identity", hasKey("list_limit"))
                .body("config.ldap.url", equalTo("ldap://localhost"))
                .body("config.ldap", not(hasKey("password")));
        as(admin).get("/v3/domains/config/ldap/default").then().statusCode(200)
                .body("config", aMapWithSize(1)).body("config.ldap.pool_size", equalTo(10));
        as(admin).get("/v3/domains/config/identity/list_limit/default").then().statusCode(200)
                .body("config", hasKey("list_limit")).body("config.list_limit", nullValue());
        as(admin).get("/v3/domains/config/ldap/password/default").then().statusCode(403)
                .body("error.message", equalTo("Invalid domain specific configuration: Reading the default for"
                        + " option password in group ldap is not supported."));
        as(admin).get("/v3/domains/config/resource/default").then().statusCode(403);
        as(admin).head("/v3/domains/config/default").then().statusCode(200);
    }

    @Test
    void anyUserReadsTheDefaultDomainsPasswordRules() {
        as(Tokens.demo()).get("/v3/domains/default/config/security_compliance").then().statusCode(200)
                .body("config.security_compliance", hasKey("password_regex"))
                .body("config.security_compliance", hasKey("password_regex_description"));
        as(Tokens.demo()).get("/v3/domains/default/config/security_compliance/password_regex").then()
                .statusCode(200).body("config", hasKey("password_regex"));
        as(Tokens.demo()).get("/v3/domains/default/config/security_compliance/lockout_duration").then()
                .statusCode(403);
    }

    @Test
    void deletingADomainDeletesItsConfig() {
        String admin = Tokens.admin();
        String domain = newDomain(admin);
        as(admin).body(LDAP_CONFIG).put("/v3/domains/" + domain + "/config").then().statusCode(201);
        delete(admin, domain);
        as(admin).get("/v3/domains/" + domain + "/config").then().statusCode(404);
    }

    private static void delete(String admin, String domain) {
        as(admin).body("{\"domain\": {\"enabled\": false}}").patch("/v3/domains/" + domain).then().statusCode(200);
        as(admin).delete("/v3/domains/" + domain).then().statusCode(204);
    }
}
