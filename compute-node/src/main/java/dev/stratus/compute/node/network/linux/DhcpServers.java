package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.network.plan.DhcpServer;
import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * One DHCP server per network that has ports here and a DHCP subnet: a namespace {@code sdhcp-<network>}
 * plugged into the bridge with the DHCP port's MAC and addresses, and dnsmasq inside it. Its files live in
 * {@code <state>/dhcp/<network>/}; a change of hosts or options is a SIGHUP, a change of subnets a restart.
 */
public final class DhcpServers {

    private static final Logger LOG = Logger.getLogger(DhcpServers.class);
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final HostShell shell;
    private final Namespaces namespaces;
    private final Links links;
    private final NamespaceLegs legs;
    private final Path directory;

    /** @param stateDirectory the node's network state; DHCP files go to its {@code dhcp/} */
    public DhcpServers(HostShell shell, Namespaces namespaces, Links links, NamespaceLegs legs, Path stateDirectory) {
        this.shell = shell;
        this.namespaces = namespaces;
        this.links = links;
        this.legs = legs;
        this.directory = stateDirectory.resolve("dhcp");
    }

    public String namespace(String networkId) {
        return namespaces.name(PlumbingNames.DHCP_NAMESPACE_PREFIX, networkId);
    }

    public Path directory(String networkId) {
        return directory.resolve(networkId);
    }

    public void ensure(NetworkPlumbing network, List<PortPlumbing> ports, Map<String, Link> hostLinks)
            throws HostNetworkingException {
        DhcpServer server = network.dhcp();
        String ns = namespace(network.networkId());
        namespaces.ensure(ns);
        String inside = PlumbingNames.dhcpInterfaceName(server.portId());
        Map<String, Link> nsLinks = links.all(ns);
        legs.removeOthers(ns, PlumbingNames.DHCP_INTERFACE_PREFIX, Set.of(inside), nsLinks);
        legs.ensure(new NamespaceLeg(ns, PlumbingNames.tapName(server.portId()), inside, network.bridge(),
                server.mac(), network.mtu(), addresses(network), Ownership.mark(Ownership.DHCP, network.networkId())),
                hostLinks, nsLinks);

        Path dir = directory(network.networkId());
        DnsmasqConfig config = DnsmasqConfig.of(network, ports, inside, dir);
        boolean changed;
        try {
            createReadable(dir);
            changed = write(dir.resolve(DnsmasqConfig.HOSTS_FILE), config.hosts());
            changed |= write(dir.resolve(DnsmasqConfig.OPTIONS_FILE), config.options());
        } catch (IOException e) {
            throw new HostNetworkingException("cannot write the DHCP files of network " + network.networkId() + ": "
                    + e.getMessage(), e);
        }
        DnsmasqProcess dnsmasq = new DnsmasqProcess(shell, dir);
        OptionalLong pid = dnsmasq.pid();
        if (pid.isPresent()) {
            List<String> running = DnsmasqProcess.commandLine(pid.getAsLong());
            if (running.subList(1, running.size()).equals(config.arguments())) {
                if (changed) {
                    dnsmasq.reload(pid.getAsLong());
                    LOG.debugf("Reloaded the DHCP server of network %s", network.networkId());
                }
                return;
            }
            dnsmasq.stop();
        }
        dnsmasq.start(ns, config.arguments());
        LOG.infof("Started the DHCP server of network %s in %s", network.networkId(), ns);
    }

    /** The DHCP port's addresses in the subnets the server serves, with their prefix lengths. */
    private static List<IpPrefix> addresses(NetworkPlumbing network) {
        List<IpPrefix> addresses = new ArrayList<>();
        for (FixedIp fixed : network.dhcp().addresses()) {
            SubnetPlumbing subnet = network.subnet(fixed.subnetId()).orElseThrow();
            addresses.add(fixed.address().withLength(subnet.prefix().length()));
        }
        return addresses;
    }

    /** Networks with a DHCP namespace or DHCP files of this node. */
    public Set<String> present() throws HostNetworkingException {
        Set<String> ids = new TreeSet<>(namespaces.ids(PlumbingNames.DHCP_NAMESPACE_PREFIX));
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    ids.add(entry.getFileName().toString());
                }
            } catch (IOException e) {
                throw new HostNetworkingException("cannot list " + directory + ": " + e.getMessage(), e);
            }
        }
        return ids;
    }

    /** Stops the network's dnsmasq, deletes its namespace (and so its veth) and its files. */
    public void remove(String networkId) throws HostNetworkingException {
        Path dir = directory(networkId);
        new DnsmasqProcess(shell, dir).stop();
        String ns = namespace(networkId);
        if (namespaces.names().contains(ns)) {
            namespaces.delete(ns);
        }
        try {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        Files.delete(file);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new HostNetworkingException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
        LOG.infof("Removed the DHCP server of network %s", networkId);
    }

    /**
     * Creates the network's directory readable by all: dnsmasq drops to {@code nobody} and reads its files
     * (on start and on SIGHUP) as that user. A state directory others cannot traverse is refused with a clear
     * message instead of a DHCP server that silently answers nobody.
     */
    private void createReadable(Path dir) throws IOException, HostNetworkingException {
        for (Path path : List.of(directory, dir)) {
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path);
                Files.setPosixFilePermissions(path, READABLE_DIRECTORY);
            }
        }
        for (Path path = dir.toAbsolutePath(); path != null; path = path.getParent()) {
            if (!Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new HostNetworkingException(path + " is not searchable by others: dnsmasq, which runs as"
                        + " nobody, could not read its files under " + dir);
            }
        }
    }

    /** Writes the file (readable by all) when its content differs; says whether it did. */
    private static boolean write(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return false;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(partial, READABLE_FILE);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
