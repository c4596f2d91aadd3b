package dev.stratus.compute.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code stratus.compute.serial-console.*}: serial consoles as Nova's {@code [serial_console]} options set them for
 * the console URLs and nova-serialproxy, which runs inside compute-api here ({@code console/SerialProxy}). Whether a
 * guest has a serial console at all is its host's setting (compute-node's {@code [serial_console] enabled}); tokens
 * live as long as VNC ones ({@code stratus.compute.vnc.token-ttl}, Nova's {@code [consoleauth] token_ttl}).
 */
@ConfigMapping(prefix = "stratus.compute.serial-console")
public interface SerialConsoleSettings {

    /**
     * The websocket URL serial console URLs are made of, to which {@code ?token=...} is appended (Nova's
     * {@code base_url}); it must be the proxy's address as clients see it.
     */
    @WithDefault("ws://127.0.0.1:6083/")
    String baseUrl();

    /** Whether this process serves the serial console proxy. */
    @WithDefault("true")
    boolean serialproxyEnabled();

    /** Address the proxy listens on (Nova's {@code serialproxy_host}). */
    @WithDefault("0.0.0.0")
    String serialproxyHost();

    /** Port the proxy listens on (Nova's {@code serialproxy_port}); 0 picks a free one (tests). */
    @WithDefault("6083")
    int serialproxyPort();
}
