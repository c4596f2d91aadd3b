package dev.stratus.compute.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code stratus.compute.vnc.*}: the VNC consoles as Nova's {@code [vnc]} and {@code [consoleauth]} options set
 * them for the API and nova-novncproxy, which runs inside compute-api here ({@code console/NoVncProxy}).
 */
@ConfigMapping(prefix = "stratus.compute.vnc")
public interface ConsoleSettings {

    /**
     * The page console URLs point at, to which {@code ?path=%3Ftoken%3D...} is appended (Nova's
     * {@code novncproxy_base_url}); it must be the proxy's address as the browser sees it.
     */
    @WithDefault("http://127.0.0.1:6080/vnc_lite.html")
    String novncproxyBaseUrl();

    /** How long a console token stays valid (Nova's {@code [consoleauth] token_ttl}). */
    @WithDefault("600s")
    Duration tokenTtl();

    /** Whether this process serves the noVNC proxy. */
    @WithDefault("true")
    boolean novncproxyEnabled();

    /** Address the proxy listens on (Nova's {@code novncproxy_host}). */
    @WithDefault("0.0.0.0")
    String novncproxyHost();

    /** Port the proxy listens on (Nova's {@code novncproxy_port}); 0 picks a free one (tests). */
    @WithDefault("6080")
    int novncproxyPort();

    /** noVNC's web files, served by the proxy (Nova's {@code [DEFAULT] web}; Debian's {@code novnc} package). */
    @WithDefault("/usr/share/novnc")
    String webDirectory();

    /**
     * Browser origins (host names) allowed besides the proxy's own host (Nova's {@code console_allowed_origins});
     * a websocket from any other origin is refused.
     */
    Optional<List<String>> allowedOrigins();
}
