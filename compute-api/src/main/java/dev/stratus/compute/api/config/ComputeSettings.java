package dev.stratus.compute.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The tenant API's own configuration, {@code stratus.compute.*}. */
@ConfigMapping(prefix = "stratus.compute")
public interface ComputeSettings {

    /** Seed the standard flavors m1.tiny..m1.xlarge (ids 1..5) when the flavor table is empty at start-up. */
    @WithDefault("true")
    boolean seedFlavors();

    /** Base URL of image-service (Glance v2), e.g. {@code http://127.0.0.1:9292}; set by the launcher. */
    Optional<String> imageUrl();

    /** Base URL of network-service (Neutron v2.0), e.g. {@code http://127.0.0.1:9696}; without it servers get no NIC. */
    Optional<String> networkUrl();

    /** How long a call to network-service may take before the request fails with 503. */
    @WithDefault("10s")
    Duration networkTimeout();

    /**
     * The floating IP pool (external network name or id) of an {@code os-floating-ips} create that names none,
     * Nova's {@code [neutron] default_floating_pool}; unset, the cloud's one external network is that pool.
     */
    Optional<String> defaultFloatingPool();

    /** How long a call to image-service may take before a create fails with 503. */
    @WithDefault("10s")
    Duration imageTimeout();

    /**
     * How long an active image, as one project saw it, is reused for creates without asking image-service again;
     * {@code 0s} asks every time. Changes made through image-service reach the cache at once over the broker;
     * this bounds the rest (a lost broadcast), and nothing is reused while the broker connection is down.
     */
    @WithDefault("60s")
    Duration imageCacheTtl();

    /** How many hosts the scheduler may try for one instance (first attempt included). */
    @WithDefault("3")
    int maxBuildAttempts();

    /**
     * A resize may keep the server on its host (Nova's {@code allow_resize_to_same_host}); off by default, as in
     * Nova. The all-in-one turns it on: its one real host is the only place a resize can go.
     */
    @WithDefault("false")
    boolean allowResizeToSameHost();

    /** Availability zone shown for servers that asked for none before a host is chosen. */
    @WithDefault("nova")
    String defaultAvailabilityZone();

    /**
     * Give every server a config drive, asked for or not (Nova's {@code force_config_drive}). On by default:
     * this cloud has no metadata service, so the config drive is how keys, user data and network settings
     * reach a guest.
     */
    @WithDefault("true")
    boolean forceConfigDrive();

    /** How long os-getConsoleOutput waits for the node's answer. */
    @WithDefault("10s")
    Duration consoleTimeout();

    /** How long an interface attach or detach waits for the host (Nova's rpc_response_timeout). */
    @WithDefault("60s")
    Duration interfaceTimeout();

    /** Default limits of every project (os-quota-class-sets 'default' rows override them). */
    Quota quota();

    interface Quota {
        @WithDefault("10")
        int instances();

        @WithDefault("20")
        int cores();

        @WithDefault("51200")
        int ram();

        @WithDefault("128")
        int metadataItems();

        @WithDefault("100")
        int keyPairs();

        @WithDefault("10")
        int serverGroups();

        @WithDefault("10")
        int serverGroupMembers();

        @WithDefault("5")
        int injectedFiles();

        @WithDefault("10240")
        int injectedFileContentBytes();

        @WithDefault("255")
        int injectedFilePathBytes();
    }
}
