package dev.stratus.common.network.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * network-service's Neutron v2.0 REST API as its clients inside the cloud use it (compute-api with a tenant's
 * or its service token, compute nodes with theirs). Blocking; one instance per base URL is thread-safe.
 * Errors come back as {@link NetworkServiceException} with Neutron's error type.
 */
public class NetworkServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    public NetworkServiceClient(String baseUrl, Duration timeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = b.endsWith("/v2.0") ? b : b + "/v2.0";
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code GET /v2.0/{path}}. */
    public JsonNode get(String token, String path) {
        return send(token, "GET", path, null);
    }

    /**
     * Every item of a collection ({@code resources} is its path, e.g. {@code ports} or {@code security-groups},
     * whose body key has underscores) matching the query, in Neutron's repeated-key form
     * ({@code {"id": [a, b]}} means id=a or id=b); follows the next links.
     */
    public List<JsonNode> list(String token, String resources, Map<String, List<String>> query) {
        return list(token, resources, resources.replace('-', '_'), query);
    }

    /** As {@link #list(String, String, Map)} for a path that is not its body key ({@code metering/metering-labels}). */
    public List<JsonNode> list(String token, String resources, String key, Map<String, List<String>> query) {
        List<JsonNode> out = new ArrayList<>();
        String path = resources + queryString(query);
        while (path != null) {
            JsonNode page = get(token, path);
            page.path(key).forEach(out::add);
            path = null;
            for (JsonNode link : page.path(key + "_links")) {
                if ("next".equals(link.path("rel").asText())) {
                    String href = link.path("href").asText();
                    int at = href.indexOf("/v2.0/");
                    path = at < 0 ? null : href.substring(at + "/v2.0/".length());
                }
            }
        }
        return out;
    }

    public JsonNode post(String token, String path, JsonNode body) {
        return send(token, "POST", path, body);
    }

    public JsonNode put(String token, String path, JsonNode body) {
        return send(token, "PUT", path, body);
    }

    /** {@code DELETE}; a resource already gone (404) counts as deleted. */
    public void delete(String token, String path) {
        try {
            send(token, "DELETE", path, null);
        } catch (NetworkServiceException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String queryString(Map<String, List<String>> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String value : e.getValue()) {
                sb.append(sb.isEmpty() ? '?' : '&').append(encode(e.getKey())).append('=').append(encode(value));
            }
        }
        return sb.toString();
    }

    private JsonNode send(String token, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(timeout)
                .header("X-Auth-Token", token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NetworkServiceException("network-service unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkServiceException("interrupted while calling network-service", e);
        }
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status >= 400) {
            JsonNode error = json.path("NeutronError");
            String type = error.path("type").asText(null);
            String message = error.path("message").asText("");
            throw new NetworkServiceException(status, type, message.isEmpty()
                    ? "network-service answered " + status + " to " + method + " " + path : message);
        }
        return json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
