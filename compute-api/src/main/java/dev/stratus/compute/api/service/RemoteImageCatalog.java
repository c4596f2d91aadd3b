package dev.stratus.compute.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.ImageSpec;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Reads {@code GET /v2/images/{id}} from image-service with the caller's own token, so Glance's visibility
 * rules decide what the caller may boot, as Nova does. The endpoint is {@code stratus.compute.image-url}.
 * Active images are then reused for the same project from the {@link ImageLookupCache} until image-service
 * announces a change of them.
 */
@ApplicationScoped
public class RemoteImageCatalog implements ImageCatalog {

    private static final Logger LOG = Logger.getLogger(RemoteImageCatalog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComputeSettings settings;
    private final ImageLookupCache cache;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RemoteImageCatalog(ComputeSettings settings, ImageLookupCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    @Override
    public Optional<Image> find(AuthContext caller, String imageId) {
        return ImageCatalog.await(findAsync(caller, imageId));
    }

    @Override
    public CompletableFuture<Optional<Image>> findAsync(AuthContext caller, String imageId) {
        Optional<Image> known = cache.get(caller, imageId);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known);
        }
        long changesSeen = cache.changesSeen();
        return ask(caller, imageId).thenApply(answer -> {
            answer.ifPresent(image -> cache.put(caller, imageId, image, changesSeen));
            return answer;
        });
    }

    private CompletableFuture<Optional<Image>> ask(AuthContext caller, String imageId) {
        String base = settings.imageUrl().orElse(null);
        if (base == null) {
            return CompletableFuture.failedFuture(ApiException.unavailable(
                    "The image service is not configured (stratus.compute.image-url)."));
        }
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/v2/images/"
                + URLEncoder.encode(imageId, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(settings.imageTimeout())
                .header("X-Auth-Token", caller.token())
                .header("Accept", "application/json")
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.warnf("image-service unreachable at %s: %s", root, String.valueOf(cause.getMessage()));
                throw ApiException.unavailable("The image service is unavailable.");
            }
            return answer(response, imageId);
        });
    }

    private static Optional<Image> answer(HttpResponse<String> response, String imageId) {
        if (response.statusCode() == 404 || response.statusCode() == 403 || response.statusCode() == 400) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            LOG.warnf("image-service answered %d for image %s", response.statusCode(), imageId);
            throw ApiException.unavailable("The image service failed to describe image " + imageId + ".");
        }
        try {
            return Optional.of(parse(JSON.readTree(response.body())));
        } catch (IOException e) {
            throw ApiException.unavailable("The image service returned an unreadable image description.");
        }
    }

    static Image parse(JsonNode body) {
        Map<String, String> properties = GlanceAttributes.properties(body);
        ImageSpec spec = new ImageSpec(body.path("id").asText(), body.path("name").asText(null),
                body.path("disk_format").asText(null), body.path("container_format").asText(null),
                body.path("size").asLong(0), body.path("checksum").asText(null), body.path("min_disk").asInt(0),
                body.path("min_ram").asInt(0), properties);
        return new Image(spec, body.path("status").asText());
    }
}
