package dev.stratus.compute.node.network.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away "host" for the kernel tests: a network namespace the plumbing is confined to (so nothing of
 * it lands in the root namespace, and a node running on this machine never sees it), and guests simulated
 * by namespaces plugged into its bridges with a veth named as libvirt's tap would be. Every name starts with
 * a per-run prefix; {@link #close()} kills the processes inside the lab's namespaces and deletes them all.
 *
 * <p>Test traffic only ever flows between the lab's namespaces; no address is put on an interface of the
 * root namespace.
 */
final class NamespaceLab implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String prefix;
    final String host;
    final Path directory;
    final CommandRunner commands = CommandRunner.system();
    private final List<Process> processes = new ArrayList<>();
    private final Path dhcpScript;

    private NamespaceLab(String prefix, Path directory) throws IOException {
        this.prefix = prefix;
        this.host = prefix + "-host";
        this.directory = directory;
        this.dhcpScript = directory.resolve("udhcpc.sh");
        Files.writeString(dhcpScript, """
                #!/bin/sh
                # udhcpc's hook: configure the lease as a guest would and write it down for the test
                case "$1" in
                  bound|renew)
                    busybox ip addr flush dev "$interface"
                    busybox ip addr add "$ip/$mask" dev "$interface"
                    [ -n "$mtu" ] && busybox ip link set dev "$interface" mtu "$mtu"
                    [ -n "$router" ] && busybox ip route replace default via "${router%% *}" dev "$interface"
                    env | grep -E '^(ip|mask|router|dns|mtu|staticroutes|hostname|lease)=' | sort > "$LEASE_FILE"
                    ;;
                esac
                exit 0
                """);
        Files.setPosixFilePermissions(dhcpScript, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Skips the test unless this is root with ip, nft, dnsmasq and a busybox with the applets used. */
    static void assumeKernelLab() throws HostNetworkingException {
        CommandRunner runner = CommandRunner.system();
        CommandRunner.Result id = runner.run(List.of("id", "-u"));
        assumeTrue(id.ok() && id.output().equals("0"), "host network tests need root (CAP_NET_ADMIN); uid is "
                + id.output());
        for (String tool : List.of("ip", "nft", "dnsmasq", "busybox", "sysctl", "kill", "timeout")) {
            assumeTrue(runner.run(List.of("sh", "-c", "command -v " + tool)).ok(), tool + " is not installed"
                    + " (apt-get install iproute2 nftables dnsmasq-base busybox-static procps)");
        }
        String applets = runner.run(List.of("busybox", "--list")).output();
        for (String applet : List.of("udhcpc", "ping", "httpd", "wget", "ip", "env")) {
            assumeTrue(applets.lines().anyMatch(applet::equals), "busybox has no " + applet
                    + " (apt-get install busybox-static)");
        }
    }

    static NamespaceLab create() throws IOException, HostNetworkingException {
        byte[] id = new byte[2];
        RANDOM.nextBytes(id);
        // dnsmasq reads its files as nobody: the lab's directory must be searchable by others
        Path directory = Files.createTempDirectory("stratus-host-network",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        NamespaceLab lab = new NamespaceLab("sn" + HexFormat.of().formatHex(id), directory);
        lab.sh("ip", "netns", "add", lab.host);
        lab.sh("ip", "-n", lab.host, "link", "set", "lo", "up");
        return lab;
    }

    /** Runs a command; fails the test unless it exits 0. */
    String sh(String... command) throws HostNetworkingException {
        CommandRunner.Result result = commands.run(List.of(command));
        if (!result.ok()) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    CommandRunner.Result attempt(String... command) throws HostNetworkingException {
        return commands.run(List.of(command));
    }

    /** A command run on the lab's host. */
    String onHost(String... command) throws HostNetworkingException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host));
        full.addAll(List.of(command));
        return sh(full.toArray(String[]::new));
    }

    /** A bridge of the lab's host that the plumbing did not make (a provider network's). */
    void hostBridge(String name) throws HostNetworkingException {
        sh("ip", "-n", host, "link", "add", "name", name, "type", "bridge");
        sh("ip", "-n", host, "link", "set", "dev", name, "up");
    }

    /** A guest of a port, plugged into the bridge as libvirt plugs a tap, with the port's MAC. */
    Guest guest(String name, PortPlumbing port, String bridge) throws HostNetworkingException {
        return guest(name, PlumbingNames.tapName(port.portId()), port.mac(), bridge);
    }

    Guest guest(String name, String tap, String mac, String bridge) throws HostNetworkingException {
        String ns = prefix + "-" + name;
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "-n", host, "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", ns);
        sh("ip", "-n", host, "link", "set", "dev", tap, "master", bridge, "up");
        sh("ip", "-n", ns, "link", "set", "dev", "eth0", "address", mac, "up");
        return new Guest(ns);
    }

    /** Every namespace of this lab. */
    List<String> namespaces() throws HostNetworkingException {
        List<String> names = new ArrayList<>();
        for (String line : sh("ip", "netns", "list").lines().toList()) {
            String name = line.split(" ")[0];
            if (name.startsWith(prefix + "-")) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        // Processes inside the lab's namespaces were started by the test or by the plumbing under test.
        for (String ns : namespaces()) {
            for (String pid : attempt("ip", "netns", "pids", ns).output().lines().toList()) {
                if (pid.matches("\\d+")) {
                    attempt("kill", "-KILL", pid);
                }
            }
        }
        for (String ns : namespaces()) {
            attempt("ip", "netns", "delete", ns);
        }
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        }
    }

    /** A simulated guest: a namespace with {@code eth0} on the lab's bridge. */
    final class Guest {
        final String namespace;

        Guest(String namespace) {
            this.namespace = namespace;
        }

        String in(String... command) throws HostNetworkingException {
            List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            full.addAll(List.of(command));
            return sh(full.toArray(String[]::new));
        }

        /** Asks for a lease with busybox udhcpc; the lease's variables, or an empty map when none came. */
        Map<String, String> dhcp() throws HostNetworkingException, IOException {
            Path lease = directory.resolve(namespace + ".lease");
            Files.deleteIfExists(lease);
            CommandRunner.Result result = attempt("ip", "netns", "exec", namespace, "env", "LEASE_FILE=" + lease,
                    "busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-f", "-t", "3", "-T", "1", "-s",
                    dhcpScript.toString(), "-O", "mtu", "-O", "staticroutes");
            Map<String, String> values = new HashMap<>();
            if (result.ok() && Files.exists(lease)) {
                for (String line : Files.readAllLines(lease, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return values;
        }

        void address(String cidr) throws HostNetworkingException {
            in("ip", "addr", "flush", "dev", "eth0");
            in("ip", "addr", "add", cidr, "dev", "eth0");
        }

        void defaultRoute(String via) throws HostNetworkingException {
            in("ip", "route", "replace", "default", "via", via);
        }

        void mac(String mac) throws HostNetworkingException {
            in("ip", "link", "set", "dev", "eth0", "address", mac);
            in("ip", "neigh", "flush", "dev", "eth0");
        }

        boolean ping(String address) throws HostNetworkingException {
            return attempt("ip", "netns", "exec", namespace, "busybox", "ping", "-c", "1", "-W", "1", address).ok();
        }

        /** Serves {@code GET /name} with the text {@code name} on {@code port} until the lab closes. */
        void serve(int port, String name) throws IOException, HostNetworkingException, InterruptedException {
            Path root = directory.resolve(namespace + "-www-" + port);
            Files.createDirectories(root);
            Files.writeString(root.resolve(name), name);
            processes.add(new ProcessBuilder("ip", "netns", "exec", namespace, "busybox", "httpd", "-f", "-p",
                    Integer.toString(port), "-h", root.toString()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve(namespace + "-httpd-" + port + ".log").toFile()).start());
            for (int i = 0; i < 50; i++) { // until it answers
                if (name.equals(fetch("127.0.0.1", port, name))) {
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("busybox httpd on port " + port + " in " + namespace + " does not answer");
        }

        /** What {@code GET http://address:port/name} answers, or null when nothing came in 2 s. */
        String fetch(String address, int port, String name) throws HostNetworkingException {
            CommandRunner.Result result = attempt("ip", "netns", "exec", namespace, "timeout", "2", "busybox", "wget",
                    "-q", "-O", "-", "http://" + address + ":" + port + "/" + name);
            return result.ok() ? result.output() : null;
        }
    }
}
