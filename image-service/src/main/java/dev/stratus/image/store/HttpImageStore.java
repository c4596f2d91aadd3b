package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Glance's read-only http store: image data at an {@code http} or {@code https} URL that the cloud did not write
 * and never deletes. A HEAD gives the size when a location is added; downloads GET the data, with a
 * {@code Range} when a slice is asked. Redirects are followed, at most {@link #MAX_REDIRECTS} of them, as
 * glance_store does.
 */
public final class HttpImageStore implements ImageStore {

    /** The store id Glance gives the http store; shown nowhere, used in messages. */
    public static final String ID = "http";
    static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Duration timeout;

    public HttpImageStore(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    /** Whether {@code location} is one this store serves: an absolute http(s) URL with a host. */
    public static boolean handles(String location) {
        if (location == null) {
            return false;
        }
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * The size announced by a HEAD ({@code Content-Length}) after redirects; fails with an
     * {@link ImageStoreException} for an unreachable URL, an error status, too many redirects or no length.
     */
    public CompletableFuture<Long> sizeAsync(String location) {
        return send(target(location), "HEAD", null, 0, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (length < 0) {
                        throw new CompletionException(new ImageStoreException("no Content-Length at " + location));
                    }
                    return length;
                });
    }

    @Override
    public long size(String location) throws IOException {
        try {
            return sizeAsync(location).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    @Override
    public boolean exists(String location) {
        try {
            return size(location) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Blocking: streams {@code length} bytes from {@code offset}, asking the server for that range; the stream
     * fails (EOFException) if the server's data ends sooner.
     */
    @Override
    public InputStream open(String location, long offset, long length) throws IOException {
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        HttpResponse<InputStream> response;
        try {
            response = send(target(location), "GET", length > 0 ? range : null, 0,
                    HttpResponse.BodyHandlers.ofInputStream()).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        InputStream body = response.body();
        if (response.statusCode() == 200 && offset > 0) {
            // The server ignored the range: skip to it.
            body.skipNBytes(offset);
        }
        return new BoundedInputStream(body, length, true);
    }

    private <T> CompletableFuture<HttpResponse<T>> send(URI uri, String method, String range, int redirects,
            HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (range != null) {
            request.header("Range", range);
        }
        return client.sendAsync(request.build(), body).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new CompletionException(new ImageStoreException("cannot reach " + uri + ": " + cause));
        }).thenCompose(response -> {
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                if (redirects >= MAX_REDIRECTS) {
                    return CompletableFuture.failedFuture(new ImageStoreException("more than " + MAX_REDIRECTS
                            + " redirects from " + uri));
                }
                String next = uri.resolve(response.headers().firstValue("Location").get()).toString();
                if (!handles(next)) {
                    return CompletableFuture.failedFuture(new ImageStoreException("redirect to " + next));
                }
                closeQuietly(response.body());
                return send(target(next), method, range, redirects + 1, body);
            }
            if (status < 200 || status >= 300) {
                closeQuietly(response.body());
                return CompletableFuture.failedFuture(new ImageStoreException("HTTP " + status + " from " + uri));
            }
            return CompletableFuture.completedFuture(response);
        });
    }

    /** The URL without its fragment, which names nothing on the server (Tempest adds {@code #new}). */
    private static URI target(String location) {
        if (!handles(location)) {
            throw new IllegalArgumentException("not an http(s) location: " + location);
        }
        int fragment = location.indexOf('#');
        return URI.create(fragment < 0 ? location : location.substring(0, fragment));
    }

    private static void closeQuietly(Object body) {
        if (body instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
        }
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public StoredImage write(String imageId, InputStream data, long expectedSize, long maxBytes)
            throws IOException {
        throw readOnly();
    }

    @Override
    public StoredImage stage(String imageId, InputStream data, long expectedSize, long maxBytes)
            throws IOException {
        throw readOnly();
    }

    @Override
    public String promote(String stagedLocation, String imageId) throws IOException {
        throw readOnly();
    }

    /** No file stands behind an http location. */
    @Override
    public Path path(String location) {
        throw new IllegalArgumentException("not a file location: " + location);
    }

    /** glance_store's http store does not delete (StoreDeleteNotSupported): the data is not the cloud's. */
    @Override
    public void delete(String location) throws IOException {
        throw new ImageStoreException("the http store does not delete data");
    }

    private static ImageStoreException readOnly() {
        return new ImageStoreException("the http store is read-only");
    }
}
