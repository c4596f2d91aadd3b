package dev.stratus.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;

/** Issues tokens the way clients do, for tests. */
public final class Tokens {

    private Tokens() {
    }

    public static String passwordBody(String user, String password, String project) {
        String scope = project == null ? "" : """
                , "scope": {"project": {"name": "%s", "domain": {"id": "default"}}}""".formatted(project);
        return """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {
                  "name": "%s", "domain": {"name": "Default"}, "password": "%s"}}}%s}}
                """.formatted(user, password, scope);
    }

    public static String issue(String user, String password, String project) {
        return given().contentType(ContentType.JSON).body(passwordBody(user, password, project))
                .when().post("/v3/auth/tokens")
                .then().statusCode(201)
                .extract().header("X-Subject-Token");
    }

    public static String admin() {
        return issue("admin", IdentityTestResource.ADMIN_PASSWORD, "admin");
    }

    public static String demo() {
        return issue("demo", IdentityTestResource.DEMO_PASSWORD, "demo");
    }
}
