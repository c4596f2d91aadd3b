package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** {@link ImageService} over HTTP to image-service ({@code stratus.compute.image-url}). */
@ApplicationScoped
public class RemoteImageService implements ImageService {

    private static final Logger LOG = Logger.getLogger(RemoteImageService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComputeSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ServiceToken serviceToken;

    public RemoteImageService(ComputeSettings settings, ServiceToken serviceToken) {
        this.settings = settings;
        this.serviceToken = serviceToken;
    }

    @Override
    public Optional<JsonNode> get(AuthContext caller, String imageId) {
        HttpResponse<String> response = send(caller, request("/v2/images/" + encode(imageId)).GET());
        if (response.statusCode() == 404 || response.statusCode() == 403 || response.statusCode() == 400) {
            return Optional.empty();
        }
        return Optional.of(body(response, 200));
    }

    @Override
    public Page list(AuthContext caller, Map<String, String> query) {
        String q = query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        JsonNode body = body(send(caller, request("/v2/images" + (q.isEmpty() ? "" : "?" + q)).GET()), 200);
        List<JsonNode> images = new ArrayList<>();
        body.path("images").forEach(images::add);
        String next = body.path("next").asText(null);
        String marker = null;
        if (next != null && next.contains("marker=")) {
            marker = java.net.URLDecoder.decode(next.replaceAll(".*[?&]marker=([^&]*).*", "$1"),
                    StandardCharsets.UTF_8);
        }
        return new Page(images, marker);
    }

    @Override
    public JsonNode create(AuthContext caller, ObjectNode image) {
        return body(send(caller, request("/v2/images").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(image.toString()))), 201);
    }

    @Override
    public JsonNode patch(AuthContext caller, String imageId, ArrayNode operations) {
        return body(send(caller, request("/v2/images/" + encode(imageId))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(operations.toString()))), 200);
    }

    @Override
    public void delete(AuthContext caller, String imageId) {
        expect(send(caller, request("/v2/images/" + encode(imageId)).DELETE()), 204);
    }

    @Override
    public void deleteOnBehalf(String imageId) {
        String token;
        try {
            token = serviceToken.get().orElseThrow(() -> ApiException.unavailable(
                    "compute-api has no service credentials to delete image " + imageId + "."));
        } catch (IOException e) {
            throw ApiException.unavailable("The identity service is unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while deleting image " + imageId + ".");
        }
        HttpResponse<String> response = send(token, request("/v2/images/" + encode(imageId)).DELETE());
        if (response.statusCode() != 404) {
            expect(response, 204);
        }
    }

    @Override
    public void addMember(AuthContext caller, String imageId, String projectId) {
        ObjectNode member = JSON.createObjectNode().put("member", projectId);
        expect(send(caller, request("/v2/images/" + encode(imageId) + "/members")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(member.toString()))), 200);
    }

    private HttpRequest.Builder request(String path) {
        String base = settings.imageUrl().orElseThrow(() -> ApiException.unavailable(
                "The image service is not configured (stratus.compute.image-url)."));
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return HttpRequest.newBuilder(URI.create(root + path)).timeout(settings.imageTimeout())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(AuthContext caller, HttpRequest.Builder request) {
        return send(caller.token(), request);
    }

    private HttpResponse<String> send(String token, HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-Auth-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("image-service unreachable: %s", e.getMessage());
            throw ApiException.unavailable("The image service is unavailable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("The image service is unavailable.");
        }
    }

    private static JsonNode body(HttpResponse<String> response, int expected) {
        expect(response, expected);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("The image service returned an unreadable answer.");
        }
    }

    /** Glance's refusal with its status and message; anything else unexpected is a 503. */
    private static void expect(HttpResponse<String> response, int expected) {
        int status = response.statusCode();
        if (status == expected || (expected == 200 && status == 201)) {
            return;
        }
        String message = message(response.body());
        switch (status) {
            case 400 -> throw ApiException.badRequest(message);
            case 403 -> throw ApiException.forbidden(message);
            case 404 -> throw ApiException.notFound("Image not found.");
            case 409 -> throw ApiException.conflict(message);
            case 413 -> throw ApiException.forbidden(message);
            default -> {
                LOG.warnf("image-service answered %d: %s", status, message);
                throw ApiException.unavailable("The image service failed: HTTP " + status + ".");
            }
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            for (JsonNode candidate : List.of(node.path("message"), node.path("error").path("message"),
                    node.path("badRequest").path("message"))) {
                if (candidate.isTextual()) {
                    return candidate.asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the text as it is
        }
        return body == null || body.isBlank() ? "The image service refused the request." : body.strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
