package dev.stratus.compute.api.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What nova-novncproxy reads from a websocket request: the token (the {@code token} query parameter, else a
 * {@code token} cookie, as older noVNC sent it), and whether a browser's {@code Origin} may open the console (its
 * host is the proxy's own or an allowed one, its scheme that of the console URL; a request without Origin is not
 * from a browser and passes).
 */
final class ProxyRequests {

    private ProxyRequests() {
    }

    /** The token, or null when the request carries none. */
    static String token(String query, String cookieHeader) {
        String fromQuery = parameter(query, "token", '&');
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return fromQuery;
        }
        return cookieHeader == null ? null : parameter(cookieHeader.replace(" ", ""), "token", ';');
    }

    private static String parameter(String pairs, String name, char separator) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        for (String pair : pairs.split(String.valueOf(separator))) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * @param hostHeader the request's Host (the proxy's own name as the browser used it)
     * @param forwardedProto {@code X-Forwarded-Proto} from a TLS-terminating proxy in front, preferred to the
     *        Origin's scheme
     * @param accessUrlBase the console URL's base the token was made for: its scheme is the one expected
     */
    static boolean originAllowed(String origin, String hostHeader, String forwardedProto, String accessUrlBase,
            List<String> allowedOrigins) {
        if (origin == null) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost();
        String scheme = forwardedProto != null ? forwardedProto : uri.getScheme();
        if (host == null || host.isEmpty() || scheme == null || scheme.isEmpty()) {
            return false;
        }
        String expectedHost = hostHeader == null ? "" : hostOf(hostHeader);
        if (!host.equalsIgnoreCase(expectedHost) && allowedOrigins.stream().noneMatch(host::equalsIgnoreCase)) {
            return false;
        }
        return accessUrlBase == null || schemeMatches(scheme, URI.create(accessUrlBase).getScheme());
    }

    private static String hostOf(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** A page served over http(s) opens ws(s): each scheme goes with its websocket twin, as Nova compares them. */
    private static boolean schemeMatches(String scheme, String expected) {
        if (expected == null) {
            return true;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        return switch (expected.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> s.equals("http") || s.equals("ws");
            case "https", "wss" -> s.equals("https") || s.equals("wss");
            default -> s.equals(expected);
        };
    }
}
