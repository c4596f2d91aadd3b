package dev.stratus.network;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A test's Neutron client: requests with a token, and the few creates every test needs. */
public final class Neutron {

    private final String token;

    public Neutron(String token) {
        this.token = token;
    }

    public RequestSpecification request() {
        return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
    }

    public Response get(String path) {
        return request().get(path);
    }

    public Response post(String path, String body) {
        return request().body(body).post(path);
    }

    public Response put(String path, String body) {
        return request().body(body).put(path);
    }

    public Response delete(String path) {
        return request().delete(path);
    }

    /** Creates a network; returns its body. */
    public JsonPath network(String json) {
        return created(post("/v2.0/networks", "{\"network\":" + json + "}"), "network");
    }

    public String network(String name, boolean shared) {
        return network("{\"name\":\"" + name + "\"" + (shared ? ",\"shared\":true" : "") + "}").getString("id");
    }

    public JsonPath subnet(String json) {
        return created(post("/v2.0/subnets", "{\"subnet\":" + json + "}"), "subnet");
    }

    public String subnet(String networkId, String cidr) {
        return subnet("{\"network_id\":\"" + networkId + "\",\"ip_version\":" + (cidr.contains(":") ? 6 : 4)
                + ",\"cidr\":\"" + cidr + "\"}").getString("id");
    }

    public JsonPath port(String json) {
        return created(post("/v2.0/ports", "{\"port\":" + json + "}"), "port");
    }

    public JsonPath portOn(String networkId) {
        return port("{\"network_id\":\"" + networkId + "\"}");
    }

    public JsonPath router(String json) {
        return created(post("/v2.0/routers", "{\"router\":" + json + "}"), "router");
    }

    public JsonPath securityGroup(String name) {
        return created(post("/v2.0/security-groups", "{\"security_group\":{\"name\":\"" + name + "\"}}"),
                "security_group");
    }

    private static JsonPath created(Response r, String key) {
        if (r.statusCode() != 201) {
            throw new AssertionError("create " + key + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().setRootPath(key);
    }
}
