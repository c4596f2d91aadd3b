package dev.stratus.image.service;

import dev.stratus.image.config.ImageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTTP GETs of {@code web-download} and {@code glance-download}, as Glance's urllib opener makes them: redirects
 * followed (at most {@link #MAX_REDIRECTS}, urllib's limit), each one checked by the import filter (Glance's
 * {@code SafeRedirectHandler}); a status other than 2xx, a refused redirect, a name that does not resolve or a
 * refused connection is an {@link IOException}. Connecting and each read wait at most
 * {@code stratus.image.import.download-timeout}. Blocking: import worker threads only.
 */
@ApplicationScoped
public class ImportDownloads {

    /** urllib's {@code HTTPRedirectHandler.max_redirections}. */
    static final int MAX_REDIRECTS = 10;

    private final ImportUriFilter filter;
    private final int timeoutMillis;

    public ImportDownloads(ImportUriFilter filter, ImageSettings settings) {
        this.filter = filter;
        Duration timeout = settings.imports().downloadTimeout();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** An answer being read: its body and its {@code Content-Length} ({@code -1}: not given). Close it. */
    public record Download(InputStream body, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * GETs {@code uri} (already checked by the filter), with {@code X-Auth-Token: token} unless it is null; the
     * caller reads and closes the body.
     */
    public Download open(String uri, String token) throws IOException {
        String current = uri;
        for (int redirects = 0;; redirects++) {
            HttpURLConnection connection = connect(current, token);
            int status = connection.getResponseCode();
            String location = connection.getHeaderField("Location");
            if (status >= 300 && status < 400 && location != null) {
                connection.disconnect();
                String next = URI.create(current).resolve(location.strip()).toString();
                if (!filter.allows(next)) {
                    throw new IOException("Redirect to disallowed URL: " + next);
                }
                if (redirects >= MAX_REDIRECTS) {
                    throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + uri);
                }
                current = next;
                continue;
            }
            if (status < 200 || status >= 300) {
                connection.disconnect();
                throw new IOException("HTTP Error " + status + ": " + connection.getResponseMessage() + " from "
                        + current);
            }
            return new Download(connection.getInputStream(), connection.getContentLengthLong());
        }
    }

    private HttpURLConnection connect(String uri, String token) throws IOException {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + uri, e);
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("cannot download from a " + (scheme.isEmpty() ? "relative" : scheme) + " URL: "
                    + uri);
        }
        URLConnection opened = target.toURL().openConnection();
        HttpURLConnection connection = (HttpURLConnection) opened;
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setUseCaches(false);
        if (token != null) {
            connection.setRequestProperty("X-Auth-Token", token);
        }
        return connection;
    }
}
