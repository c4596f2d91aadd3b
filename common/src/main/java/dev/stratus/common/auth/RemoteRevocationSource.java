package dev.stratus.common.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads {@code GET /v3/OS-REVOKE/events} from the identity service with this service's own token. */
@ApplicationScoped
@DefaultBean
public class RemoteRevocationSource implements RevocationSource {

    private static final Logger LOG = Logger.getLogger(RemoteRevocationSource.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final ServiceToken serviceToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RemoteRevocationSource(ServiceToken serviceToken) {
        this.serviceToken = serviceToken;
    }

    @Override
    public List<RevocationEvent> recent() throws IOException, InterruptedException {
        Optional<String> token = serviceToken.get();
        if (token.isEmpty()) {
            LOG.warn("No service credentials (stratus.auth.service.*): revocations made while this service was"
                    + " down are not known until the tokens expire");
            return List.of();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(serviceToken.base() + "/v3/OS-REVOKE/events"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", token.get())
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v3/OS-REVOKE/events answered HTTP " + response.statusCode());
        }
        JsonNode events = JSON.readTree(response.body()).path("events");
        return JSON.convertValue(events, new TypeReference<List<RevocationEvent>>() { });
    }
}
