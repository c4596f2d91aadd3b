package dev.stratus.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This service's own token, from the password of its service user, for calls to other services.
 * Renewed a few minutes before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final AuthSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ServiceToken(AuthSettings settings) {
        this.settings = settings;
    }

    public boolean isConfigured() {
        return settings.service().isPresent();
    }

    /** Blocking. Empty when no service credentials are configured. */
    public synchronized Optional<String> get() throws IOException, InterruptedException {
        if (settings.service().isEmpty()) {
            return Optional.empty();
        }
        if (token != null && Instant.now().plus(RENEW_BEFORE).isBefore(expiresAt)) {
            return Optional.of(token);
        }
        AuthSettings.ServiceCredentials creds = settings.service().get();
        String domain = creds.domain().orElse("default");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", creds.username());
        user.put("password", creds.password());
        user.putObject("domain").put("id", domain);
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", creds.project().orElse("service"));
        project.putObject("domain").put("id", domain);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v3/auth/tokens?nocatalog"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("service user " + creds.username() + " could not authenticate: HTTP "
                    + response.statusCode());
        }
        JsonNode parsed = JSON.readTree(response.body());
        token = response.headers().firstValue("X-Subject-Token").orElseThrow();
        expiresAt = Instant.parse(parsed.path("token").path("expires_at").asText());
        return Optional.of(token);
    }

    String base() {
        return settings.identityUrl().replaceAll("/+$", "");
    }
}
