package dev.stratus.image.service;

import dev.stratus.image.config.ImageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.HttpHostConnectException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.BasicHttpClientConnectionManager;
import org.apache.http.impl.conn.SystemDefaultDnsResolver;

/**
 * The HTTP GETs of {@code web-download} and {@code glance-download}, as Glance's urllib opener makes them, hardened
 * against server-side request forgery:
 * <ul>
 * <li>every URL of {@link #open}, the first and each redirect (at most {@link #MAX_REDIRECTS}, urllib's limit), must
 * pass the import filter (Glance's {@code SafeRedirectHandler}); those of {@link #openTrusted} after the first;</li>
 * <li>the host of each URL the filter checks is resolved here, every address checked by {@link ImportUriFilter#refusedAddress} (a name that
 * resolves to a disallowed host is refused), and the connection goes to one of those checked addresses: no second
 * look-up, so no DNS rebinding between check and connect (TLS still checks the certificate against the name);</li>
 * <li>no proxy (the JVM's proxy settings are not read: a proxy would resolve the name itself);</li>
 * <li>the caller's token goes to the first URL's origin (scheme, host, port) only, not to a redirect elsewhere.</li>
 * </ul>
 * A status other than 2xx, a refused URL or address, a name that does not resolve or a refused connection is an
 * {@link IOException}. Connecting and each read wait at most {@code stratus.image.import.download-timeout}.
 * Blocking: import worker threads only.
 */
@ApplicationScoped
public class ImportDownloads {

    /** urllib's {@code HTTPRedirectHandler.max_redirections}. */
    static final int MAX_REDIRECTS = 10;

    private static final Registry<ConnectionSocketFactory> SCHEMES = RegistryBuilder.<ConnectionSocketFactory>create()
            .register("http", PlainConnectionSocketFactory.getSocketFactory())
            .register("https", SSLConnectionSocketFactory.getSocketFactory()).build();

    private final ImportUriFilter filter;
    private final RequestConfig timeouts;

    public ImportDownloads(ImportUriFilter filter, ImageSettings settings) {
        this.filter = filter;
        Duration timeout = settings.imports().downloadTimeout();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.timeouts = RequestConfig.custom().setConnectTimeout(timeoutMillis).setSocketTimeout(timeoutMillis)
                .setConnectionRequestTimeout(timeoutMillis).setRedirectsEnabled(false).build();
    }

    /** An answer being read: its body and its {@code Content-Length} ({@code -1}: not given). Close it. */
    public record Download(InputStream body, long length, Closeable exchange) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try (exchange) {
                body.close();
            }
        }
    }

    /** A host whose name, or one of whose addresses, the import filter refuses. */
    static final class DisallowedAddressException extends UnknownHostException {
        DisallowedAddressException(String message) {
            super(message);
        }
    }

    /**
     * GETs {@code uri}, a URL a user chose (a web-download's, a remote image's data), with {@code X-Auth-Token: token}
     * unless it is null: it and every redirect must pass the filter, names and addresses. The caller reads and
     * closes the body.
     */
    public Download open(String uri, String token) throws IOException {
        if (!filter.allows(uri)) {
            throw new IOException("URI does not pass filtering: " + uri);
        }
        return fetch(uri, token, true);
    }

    /**
     * GETs {@code uri}, a URL of this cloud's own services (the identity service's catalog, an image endpoint found
     * in it), which the filter does not restrict, as Glance's does not; its redirects must pass the filter.
     */
    public Download openTrusted(String uri, String token) throws IOException {
        return fetch(uri, token, false);
    }

    private Download fetch(String uri, String token, boolean filtered) throws IOException {
        String current = uri;
        boolean checked = filtered;
        for (int redirects = 0;; redirects++) {
            HttpGet get = new HttpGet(parse(current));
            if (token != null && sameOrigin(uri, current)) {
                get.setHeader("X-Auth-Token", token);
            }
            // A client per hop: a connection made to an unchecked address is never reused for a checked hop.
            CloseableHttpClient client = client(checked);
            try {
                CloseableHttpResponse response = execute(client, get);
                int status = response.getStatusLine().getStatusCode();
                Header location = response.getFirstHeader("Location");
                if (status >= 300 && status < 400 && location != null) {
                    response.close();
                    String next = parse(current).resolve(location.getValue().strip()).toString();
                    if (!filter.allows(next)) {
                        throw new IOException("Redirect to disallowed URL: " + next);
                    }
                    if (redirects >= MAX_REDIRECTS) {
                        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + uri);
                    }
                    current = next;
                    checked = true;
                    continue;
                }
                if (status < 200 || status >= 300) {
                    response.close();
                    throw new IOException("HTTP Error " + status + ": " + response.getStatusLine().getReasonPhrase()
                            + " from " + current);
                }
                HttpEntity entity = response.getEntity();
                InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
                long length = entity == null ? -1 : entity.getContentLength();
                CloseableHttpClient owned = client;
                client = null;
                return new Download(body, length, () -> {
                    try (owned) {
                        response.close();
                    }
                });
            } finally {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    /** One client per request: one connection, closed with the answer, never reused for another URL. */
    private CloseableHttpClient client(boolean checked) {
        DnsResolver resolver = checked ? checkedResolver() : SystemDefaultDnsResolver.INSTANCE;
        return HttpClients.custom()
                .setConnectionManager(new BasicHttpClientConnectionManager(SCHEMES, null, null, resolver))
                .setDefaultRequestConfig(timeouts).disableRedirectHandling().disableAutomaticRetries()
                .disableContentCompression().disableCookieManagement().disableAuthCaching()
                .setUserAgent("stratus-image-import").build();
    }

    /** Resolves a host once and gives the connection only addresses the filter accepts. */
    private DnsResolver checkedResolver() {
        return host -> {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            InetAddress refused = filter.refusedAddress(host, addresses);
            if (refused != null) {
                throw new DisallowedAddressException(host + " resolves to " + ImportUriFilter.canonical(refused)
                        + ", which the import filter does not allow");
            }
            return addresses;
        };
    }

    /** The client's connection errors as the JDK's (what the task's message names). */
    private static CloseableHttpResponse execute(CloseableHttpClient client, HttpGet get) throws IOException {
        try {
            return client.execute(get);
        } catch (HttpHostConnectException | ConnectTimeoutException e) {
            throw e.getCause() instanceof IOException cause ? cause : e;
        }
    }

    private static URI parse(String uri) throws IOException {
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + uri, e);
        }
    }

    private static boolean sameOrigin(String first, String current) throws IOException {
        URI a = parse(first);
        URI b = parse(current);
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getRawAuthority()), lower(b.getRawAuthority()));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
