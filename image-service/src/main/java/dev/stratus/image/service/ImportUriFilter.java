package dev.stratus.image.service;

import dev.stratus.image.config.ImageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Glance's import filtering ({@code [import_filtering_opts]}, {@code validate_import_uri}): whether a
 * {@code web-download} may fetch a URI (its redirects too), and {@code glance-download} a remote image's data.
 * <ul>
 * <li>the scheme must be in {@code allowed_schemes} (when set) and not in {@code disallowed_schemes};</li>
 * <li>the host, an IP address in its standard form or a name, must be in {@code allowed_hosts} (when set) and not in
 * {@code disallowed_hosts}; encoded addresses ({@code 2130706433}, {@code 127.1}, {@code 0x7f.1}) are refused, as
 * Glance refuses them;</li>
 * <li>a port, when the URI names one, must be in {@code allowed_ports} (when set) and not in
 * {@code disallowed_ports};</li>
 * <li>when a list and its {@code disallowed} twin are both set, only the allowed one counts.</li>
 * </ul>
 * Unlike Glance since its 2026 SSRF fix, a host name is not resolved by {@link #allows}: a name that does not resolve
 * fails the import's download in the background (the image back to {@code queued}, its stores in
 * {@code os_glance_failed_import}), as Tempest's {@code test_image_web_download_import_with_bad_url} expects. The
 * download resolves it and checks every address with {@link #refusedAddress} before it connects to one of them.
 */
@ApplicationScoped
public class ImportUriFilter {

    /** An IPv4 address as Python's {@code ipaddress} accepts it: four decimal parts, no leading zeros. */
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:.]+(%[0-9a-z._-]+)?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern LEADING_NUMBER = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    /** What an unset or {@code *} list is: no list. */
    static final String ANY = "*";

    private final List<String> allowedSchemes;
    private final List<String> disallowedSchemes;
    private final List<String> allowedHosts;
    private final List<String> disallowedHosts;
    private final List<Integer> allowedPorts;
    private final List<Integer> disallowedPorts;

    public ImportUriFilter(ImageSettings settings) {
        ImageSettings.ImportFiltering f = settings.importFiltering();
        List<String> allowed = lower(Optional.of(f.allowedSchemes()));
        List<String> disallowed = lower(f.disallowedSchemes());
        this.allowedSchemes = allowed;
        this.disallowedSchemes = allowed.isEmpty() ? disallowed : List.of();
        List<String> hosts = hosts(f.allowedHosts());
        this.allowedHosts = hosts;
        this.disallowedHosts = hosts.isEmpty() ? hosts(f.disallowedHosts()) : List.of();
        List<Integer> ports = ports("allowed-ports", Optional.of(f.allowedPorts()));
        List<Integer> refusedPorts = ports("disallowed-ports", f.disallowedPorts());
        this.allowedPorts = ports;
        this.disallowedPorts = ports.isEmpty() ? refusedPorts : List.of();
    }

    /** Whether an import may fetch {@code uri}; false for a missing or malformed one. */
    public boolean allows(String uri) {
        if (uri == null) {
            return false;
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || (!allowedSchemes.isEmpty() && !allowedSchemes.contains(scheme))
                || disallowedSchemes.contains(scheme)) {
            return false;
        }
        Authority authority = Authority.parse(parsed.getRawAuthority());
        if (authority == null) {
            return false;
        }
        String host = normalize(authority.host());
        if (host == null || (!allowedHosts.isEmpty() && !allowedHosts.contains(host))
                || disallowedHosts.contains(host)) {
            return false;
        }
        int port = authority.port();
        return port <= 0 || ((allowedPorts.isEmpty() || allowedPorts.contains(port))
                && !disallowedPorts.contains(port));
    }

    /**
     * Which of the addresses a download resolved {@code host} (a name or an address, as the URI spells it) to it may
     * not connect to: the first one in {@code disallowed_hosts}, or, with {@code allowed_hosts} set and the name not
     * in it, the first one not in it; any unspecified address ({@code 0.0.0.0}, {@code ::}: this host); null when
     * all may be used.
     */
    public InetAddress refusedAddress(String host, InetAddress... addresses) {
        String name = normalize(host == null ? null : unbracketed(host));
        boolean nameAllowed = name != null && allowedHosts.contains(name);
        for (InetAddress address : addresses) {
            String text = canonical(address);
            if (address.isAnyLocalAddress() || disallowedHosts.contains(text)
                    || (!allowedHosts.isEmpty() && !nameAllowed && !allowedHosts.contains(text))) {
                return address;
            }
        }
        return null;
    }

    /**
     * An address as the host lists hold it: IPv4 in dotted decimal (IPv4-mapped IPv6 addresses too, as Java maps
     * them), IPv6 in Java's full form without a zone.
     */
    static String canonical(InetAddress address) {
        if (address instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            try {
                return InetAddress.getByAddress(address.getAddress()).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /**
     * Glance's {@code normalize_hostname}, without its DNS lookup: an IP address in its standard form (IPv6 in Java's,
     * zone dropped), a name in lower case without its final dot; null for encoded addresses (digits alone, digits and
     * dots, hexadecimal parts).
     */
    static String normalize(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (IPV4.matcher(h).matches()) {
            return h;
        }
        if (h.indexOf(':') >= 0) {
            if (!IPV6_CHARACTERS.matcher(h).matches()) {
                return null;
            }
            try {
                // An IPv6 literal (checked above): parsed, never looked up.
                return canonical(InetAddress.getByName(h));
            } catch (UnknownHostException e) {
                return null;
            }
        }
        if (DIGITS_AND_DOTS.matcher(h).matches()) {
            return null;
        }
        if (h.endsWith(".") && !h.endsWith("..")) {
            // The root's dot: "forbidden.example." is "forbidden.example".
            h = h.substring(0, h.length() - 1);
            if (h.isEmpty()) {
                return null;
            }
        }
        // Hexadecimal or octal parts (0x7f.0.0.1, 0x7f000001): inet_aton would take them for an address.
        for (String part : h.split("\\.")) {
            if (!LEADING_NUMBER.matcher(part).matches()) {
                return h;
            }
        }
        return null;
    }

    /** The host (brackets removed) and port ({@code -1}: none) of a URI's authority; null when malformed. */
    record Authority(String host, int port) {

        static Authority parse(String raw) {
            if (raw == null || raw.isEmpty()) {
                return null;
            }
            String hostPort = raw.substring(raw.lastIndexOf('@') + 1);
            String host;
            String port;
            if (hostPort.startsWith("[")) {
                int end = hostPort.indexOf(']');
                if (end < 0) {
                    return null;
                }
                host = hostPort.substring(1, end);
                String rest = hostPort.substring(end + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    return null;
                }
                port = rest.isEmpty() ? "" : rest.substring(1);
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                port = colon < 0 ? "" : hostPort.substring(colon + 1);
            }
            if (port.isEmpty()) {
                return new Authority(host, -1);
            }
            if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || Integer.parseInt(port) > 65535) {
                return null;
            }
            return new Authority(host, Integer.parseInt(port));
        }
    }

    private static List<String> lower(Optional<List<String>> list) {
        return entries(list).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> hosts(Optional<List<String>> list) {
        return entries(list).stream().map(h -> {
            String bare = unbracketed(h);
            String normal = normalize(bare);
            return normal == null ? bare.toLowerCase(Locale.ROOT) : normal;
        }).toList();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<Integer> ports(String name, Optional<List<String>> list) {
        return entries(list).stream().map(p -> {
            try {
                int port = Integer.parseInt(p);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalStateException("stratus.image.import-filtering." + name + ": '" + p
                    + "' is not a port (1 to 65535) nor " + ANY);
        }).toList();
    }

    /** The entries of a list, stripped; none for an unset list or {@code *}. */
    private static List<String> entries(Optional<List<String>> list) {
        List<String> entries = list.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return entries.equals(List.of(ANY)) ? List.of() : entries;
    }
}
