package dev.stratus.common.auth;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads the JWKS that the identity service publishes at {@code /.well-known/jwks.json}. */
@ApplicationScoped
@DefaultBean
public class RemoteKeySource implements KeySource {

    public static final String JWKS_PATH = "/.well-known/jwks.json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    public RemoteKeySource(AuthSettings settings) {
        String base = settings.identityUrl().replaceAll("/+$", "");
        this.uri = URI.create(base + JWKS_PATH);
    }

    @Override
    public Uni<String> fetchJwks() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
                    }
                    return response.body();
                });
    }
}
