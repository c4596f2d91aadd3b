package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.config.ImageSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Glance's distributed image import ({@code worker_self_reference_url}): each image-service worker stages data in
 * its own staging area and records its own URL on the image ({@code os_glance_stage_host}); a {@code glance-direct}
 * import or a delete of such an image reaching another worker is replayed on the stage host with the caller's token,
 * as Glance's {@code _proxy_request_to_host} does. Without a URL configured nothing is recorded nor proxied.
 */
@ApplicationScoped
public class StageHostProxy {

    private static final Logger LOG = Logger.getLogger(StageHostProxy.class);
    /** Glance waits 60 seconds for the stage host. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String UNAVAILABLE = "Stage host is unavailable";

    private final Optional<String> selfUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final ImageRecords records;

    public StageHostProxy(ImageSettings settings, ImageRecords records) {
        this.records = records;
        this.selfUrl = settings.workerSelfReferenceUrl().map(String::strip).filter(s -> !s.isEmpty())
                .map(StageHostProxy::withoutTrailingSlash);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** This worker's URL, recorded on the images it stages; empty when not configured. */
    public Optional<String> selfUrl() {
        return selfUrl;
    }

    /**
     * The stage host of image {@code id} when it is another worker (Glance's {@code is_proxyable}): its
     * {@code os_glance_stage_host} is set and is not this worker's URL. Needs a session.
     */
    public Uni<Optional<String>> remoteHost(String id) {
        return ImageProperties.get(id, ImageProperties.STAGE_HOST).map(host -> host != null && !host.isBlank()
                && !host.equals(selfUrl.orElse(null)) ? Optional.of(host) : Optional.empty());
    }

    /** {@link #remoteHost} of an image the caller may see (else Glance's 404). Blocking. */
    public Optional<String> stagedElsewhere(AuthContext caller, String id) {
        return Transactions.run(() -> records.visible(caller, id).chain(image -> remoteHost(id)));
    }

    /** What the stage host answered. */
    public record Answer(int status, String contentType, String body) {
        public boolean succeeded() {
            return status / 100 == 2;
        }
    }

    /**
     * Replays {@code method path} (with {@code jsonBody}, or none) on {@code host} with the caller's token and this
     * request's id. Blocking.
     *
     * @throws ApiException 504 when the stage host cannot be reached, 502 when the exchange fails otherwise (Glance's
     *                      {@code Stage host is unavailable})
     */
    public Answer forward(String host, String method, String path, String jsonBody, AuthContext caller,
            String requestId) {
        String url = withoutTrailingSlash(host) + path;
        LOG.infof("Proxying %s request to host %s which has image.", method, host);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Failed to proxy to %s: %s", url, e.getMessage());
            throw new ApiException(502, UNAVAILABLE);
        }
        if (caller.token() != null) {
            request.header("X-Auth-Token", caller.token());
        }
        if (requestId != null) {
            request.header("X-OpenStack-Request-ID", requestId);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            // Glance: requests' ConnectionError or ConnectTimeout.
            LOG.errorf("Failed to proxy to %s: %s", url, e.toString());
            throw new ApiException(504, UNAVAILABLE);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                LOG.errorf("Failed to proxy to %s: %s", url, e.toString());
                throw new ApiException(504, UNAVAILABLE);
            }
            LOG.errorf("Failed to proxy to %s: %s", url, e.toString());
            throw new ApiException(502, UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(502, UNAVAILABLE);
        }
    }
}
