package dev.stratus.compute.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code stratus.compute.*}: what a compute node daemon needs to know about its host. */
@ConfigMapping(prefix = "stratus.compute")
public interface ComputeNodeConfig {

    /** The host name this node registers as, and the suffix of its queue {@code compute.<host>}. */
    Optional<String> host();

    /** {@code libvirt} or {@code fake}. */
    @WithDefault("libvirt")
    String driver();

    /** How often the node sends its heartbeat with its resources. */
    @WithDefault("10s")
    Duration reportInterval();

    /** How often the node compares the hypervisor's guests with what it believes. */
    @WithDefault("60s")
    Duration powerSyncInterval();

    /** Memory kept for the host itself, not offered to guests. */
    @WithDefault("512")
    long reservedHostMemoryMb();

    /** Disk kept for the host itself; reported rounded up to whole GiB. */
    @WithDefault("0")
    long reservedHostDiskMb();

    @WithDefault("0")
    int reservedHostCpus();

    @WithDefault("4.0")
    double cpuAllocationRatio();

    @WithDefault("1.0")
    double ramAllocationRatio();

    @WithDefault("1.0")
    double diskAllocationRatio();

    /** The host's address shown by os-hypervisors; found from the default route's interface when absent. */
    Optional<String> myIp();

    /** Traits added to the ones the node derives from its driver (e.g. {@code CUSTOM_GPU}). */
    Optional<List<String>> extraTraits();

    /** Guest directories ({@code <dir>/<instance uuid>/}) and, by default, the image cache {@code _base}. */
    @WithDefault("/var/lib/stratus/instances")
    String instancesDirectory();

    /** Base URL of image-service, where image data are read from. */
    @WithDefault("http://127.0.0.1:9292")
    String imageUrl();

    /**
     * Base URL of network-service (Neutron v2.0), e.g. {@code http://127.0.0.1:9696}: guests' ports are bound
     * to this host and plumbed from what it says. Without it guests' NICs (there are none then) would go on
     * {@link #bridge()}.
     */
    Optional<String> networkUrl();

    /** The Linux bridge the guests' NICs attach to when there is no network-service. */
    @WithDefault("brstratus0")
    String bridge();

    /** How long a graceful stop waits for the guest to shut down before it is forced off. */
    @WithDefault("60s")
    Duration shutdownTimeout();

    /** Kernel command line of images booted with kernel_id when they have no {@code os_command_line}. */
    @WithDefault("root=/dev/vda console=ttyS0")
    String defaultKernelCommandLine();

    /** Give every server a config drive, asked for or not. */
    @WithDefault("false")
    boolean forceConfigDrive();

    ImageCacheConfig imageCache();

    HostNetworkConfig network();

    FakeDriverConfig fake();

    VncConfig vnc();

    SerialConsoleConfig serialConsole();

    /**
     * {@code stratus.compute.serial-console.*}: the guests' serial consoles on TCP, as Nova's {@code [serial_console]}
     * options on a compute host. One serial port a guest (Nova's default {@code hw:serial_port_count}).
     */
    interface SerialConsoleConfig {

        /** Guests' first serial port listens on TCP and the node answers where ({@code [serial_console] enabled}). */
        @WithDefault("false")
        boolean enabled();

        /**
         * The TCP ports guests' serial ports take, {@code <start>:<stop>} with {@code stop} excluded, as Nova
         * iterates it ({@code [serial_console] port_range}).
         */
        @WithDefault("10000:20000")
        String portRange();

        /**
         * The address guests' serial ports listen on and the console proxy connects to
         * ({@code [serial_console] proxyclient_address}).
         */
        @WithDefault("127.0.0.1")
        String proxyclientAddress();
    }

    /** {@code stratus.compute.vnc.*}: the guests' VNC consoles, as Nova's {@code [vnc]} options on a compute host. */
    interface VncConfig {

        /** Guests get a VNC display and the node answers where it is ({@code [vnc] enabled}). */
        @WithDefault("true")
        boolean enabled();

        /** The address the guests' VNC servers listen on ({@code [vnc] server_listen}). */
        @WithDefault("127.0.0.1")
        String serverListen();

        /** The address the console proxy reaches them at ({@code [vnc] server_proxyclient_address}). */
        @WithDefault("127.0.0.1")
        String serverProxyclientAddress();
    }

    interface ImageCacheConfig {

        /** Where cached images live; {@code <instances-directory>/_base} when absent. */
        Optional<String> directory();

        /** A cached image no guest of the host used for this long is removed. */
        @WithDefault("24h")
        Duration maxUnusedAge();

        /** How often unused images are looked for. */
        @WithDefault("10m")
        Duration cleanupInterval();

        /** Time limit of one image download. */
        @WithDefault("30m")
        Duration downloadTimeout();
    }

    interface HostNetworkConfig {

        /** Where the host plumbing keeps its DHCP servers' files and pid files ({@code <dir>/dhcp/<network>/}). */
        @WithDefault("/var/lib/stratus/network")
        String stateDirectory();

        /**
         * A network namespace the host plumbing (bridges, rules) is confined to, whose name also prefixes its
         * DHCP and router namespaces; the root namespace when absent. Only for simulated hosts: libvirt makes
         * guests' taps in the root namespace.
         */
        Optional<String> namespace();

        /**
         * The host bridges of physical networks (flat provider and external networks), as
         * {@code physical-network:bridge} pairs, e.g. {@code public:br-ex}; the node makes each bridge (without
         * an address) when it is missing.
         */
        Optional<List<String>> physicalBridges();

        /** How often the node re-reads its ports from network-service even when told of no change. */
        @WithDefault("60s")
        Duration reconcileInterval();

        /** Time limit of one call to network-service. */
        @WithDefault("10s")
        Duration timeout();

        /** The metering of the routers' external traffic (Neutron's metering agent). */
        MeteringConfig metering();
    }

    /** {@code stratus.compute.network.metering.*}: as the metering agent's options. */
    interface MeteringConfig {

        /** How often the routers' metering counters are read (the agent's {@code measure_interval}). */
        @WithDefault("30s")
        Duration measureInterval();

        /** How often the counts are reported as {@code l3.meter} (the agent's {@code report_interval}). */
        @WithDefault("300s")
        Duration reportInterval();
    }

    interface FakeDriverConfig {

        /** Simulated nodes in this process: {@code <host>} alone when 1, else {@code <host>-001..N}. */
        @WithDefault("1")
        int nodeCount();

        @WithDefault("16")
        int vcpus();

        @WithDefault("32768")
        long memoryMb();

        @WithDefault("500")
        long diskGb();

        /** The hypervisor host name each fake node reports; its host name when absent. */
        Optional<String> hypervisorHostname();

        /** Probability (0 to 1) that a spawn fails. */
        @WithDefault("0")
        double failSpawn();

        /** Servers whose name starts with this fail to spawn on every fake node. */
        Optional<String> failSpawnNamePrefix();

        /** Server metadata key whose value lists (comma-separated) the hosts where its spawn fails. */
        @WithDefault("fake_fail_spawn_host")
        String failSpawnHostKey();

        /** How long a spawn takes. */
        @WithDefault("0s")
        Duration spawnDelay();

        /** How long a snapshot takes (a real one copies and converts the disk, then uploads it: seconds). */
        @WithDefault("0s")
        Duration snapshotDelay();

        /** Probability (0 to 1) that destroying a guest fails. */
        @WithDefault("0")
        double failDelete();
    }
}
