package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.plan.FixedIp;
import dev.stratus.compute.node.network.plan.HostRoute;
import dev.stratus.compute.node.network.plan.IpPrefix;
import dev.stratus.compute.node.network.plan.NetworkPlumbing;
import dev.stratus.compute.node.network.plan.PortPlumbing;
import dev.stratus.compute.node.network.plan.SubnetPlumbing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one network's dnsmasq runs with: its command line and the two files it re-reads on SIGHUP. Only
 * static leases: one host entry per port and address family (its MAC, its first IPv4 address in a DHCP subnet,
 * or its address in a stateful DHCPv6 subnet, and its host name), nothing for unknown MACs, and no DNS service
 * ({@code --port=0}). A port's extra DHCP options are tagged to its host entries ({@link DnsmasqPortOptions}).
 * IPv6 subnets are served as Neutron's dnsmasq driver and its routers' radvd together serve them
 * ({@link Dhcpv6Ranges}).
 *
 * @param hosts the {@code --dhcp-hostsfile}: {@code mac,[id:client,][set:port-<id>,]address,hostname} per port
 *        and family ({@code [address]} for IPv6), and {@code mac,set:port-<id>} for a port whose IPv6 options
 *        a stateless subnet hands out
 * @param options the {@code --dhcp-optsfile}: router, name servers, classless static routes and MTU per IPv4
 *        subnet, name servers per DHCPv6 subnet, then each port's extra options
 * @param arguments dnsmasq's arguments (without the program name)
 */
public record DnsmasqConfig(String hosts, String options, List<String> arguments) {

    public static final String HOSTS_FILE = "host";
    public static final String OPTIONS_FILE = "opts";
    public static final String PID_FILE = "pid";
    /** dnsmasq's own messages (start-up, warnings, errors; not routine leases): hosts often have no syslog. */
    public static final String LOG_FILE = "dnsmasq.log";
    /** Neutron's default {@code dhcp_lease_duration}. */
    public static final int LEASE_SECONDS = 86400;

    /**
     * @param ports the ports of the network bound to this host
     * @param interfaceName the DHCP namespace's interface dnsmasq binds to
     * @param directory where the files and the pid file are
     */
    public static DnsmasqConfig of(NetworkPlumbing network, List<PortPlumbing> ports, String interfaceName,
            Path directory) {
        List<SubnetPlumbing> subnets = network.dhcpSubnets();
        return new DnsmasqConfig(hosts(network, ports), options(network, subnets, ports),
                arguments(subnets, interfaceName, directory, network.mtu()));
    }

    static String hosts(NetworkPlumbing network, List<PortPlumbing> ports) {
        StringBuilder text = new StringBuilder();
        ports.stream().sorted(Comparator.comparing(PortPlumbing::portId))
                .forEach(port -> hostLines(network, port).forEach(line -> text.append(line).append('\n')));
        return text.toString();
    }

    /** The port's host entries: its IPv4 lease, its DHCPv6 leases, or the tag of its DHCPv6-stateless options. */
    private static List<String> hostLines(NetworkPlumbing network, PortPlumbing port) {
        List<String> lines = new ArrayList<>();
        String head = port.mac() + "," + DnsmasqPortOptions.hostFields(port);
        leaseAddress(network, port).ifPresent(address -> lines.add(head + address + "," + hostname(port.hostname(),
                address)));
        boolean statelessOptions = false;
        for (FixedIp fixed : port.fixedIps()) {
            Optional<SubnetPlumbing> subnet = network.subnet(fixed.subnetId());
            if (subnet.isEmpty() || subnet.get().ipVersion() != 6 || !subnet.get().servedByDhcp()) {
                continue;
            }
            if (subnet.get().dhcpv6Leases()) {
                lines.add(head + "[" + fixed.ipAddress() + "]," + hostname(port.hostname(), fixed.ipAddress()));
            } else if (Dhcpv6Ranges.handsOutOptions(subnet.get())) {
                statelessOptions = true;
            }
        }
        if (statelessOptions && !DnsmasqPortOptions.lines(port).isEmpty()) {
            lines.add(port.mac() + ",set:" + DnsmasqPortOptions.tag(port));
        }
        return lines;
    }

    private static Optional<String> leaseAddress(NetworkPlumbing network, PortPlumbing port) {
        for (FixedIp fixed : port.fixedIps()) {
            Optional<SubnetPlumbing> subnet = network.subnet(fixed.subnetId());
            if (subnet.isPresent() && subnet.get().enableDhcp() && subnet.get().ipVersion() == 4
                    && fixed.address().version() == 4) {
                return Optional.of(fixed.ipAddress());
            }
        }
        return Optional.empty();
    }

    /** A valid host name: lower case letters, digits and inner dashes, at most 63; else host-10-0-0-5. */
    static String hostname(String wanted, String address) {
        String name = wanted == null ? "" : wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        name = name.replaceAll("^-+", "");
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        name = name.replaceAll("-+$", "");
        return name.isEmpty() ? "host-" + address.replace('.', '-').replace(':', '-') : name;
    }

    static String options(NetworkPlumbing network, List<SubnetPlumbing> subnets, List<PortPlumbing> ports) {
        StringBuilder text = new StringBuilder(subnetOptions(network, subnets));
        ports.stream().filter(port -> !hostLines(network, port).isEmpty())
                .sorted(Comparator.comparing(PortPlumbing::portId))
                .forEach(port -> DnsmasqPortOptions.lines(port).forEach(line -> text.append(line).append('\n')));
        return text.toString();
    }

    private static String subnetOptions(NetworkPlumbing network, List<SubnetPlumbing> subnets) {
        StringBuilder text = new StringBuilder();
        for (SubnetPlumbing subnet : subnets) {
            String tag = "tag:" + tag(subnet);
            if (subnet.ipVersion() == 6) {
                if (Dhcpv6Ranges.handsOutOptions(subnet) && !subnet.dnsServers().isEmpty()) {
                    text.append(tag).append(",option6:dns-server,").append(String.join(",",
                            subnet.dnsServers().stream().map(a -> "[" + a + "]").toList())).append('\n');
                }
                continue;
            }
            // An empty router option keeps dnsmasq from offering its own address as the gateway.
            text.append(tag).append(",option:router");
            if (subnet.gatewayIp() != null) {
                text.append(',').append(subnet.gatewayIp());
            }
            text.append('\n');
            if (!subnet.dnsServers().isEmpty()) {
                text.append(tag).append(",option:dns-server,").append(String.join(",", subnet.dnsServers()))
                        .append('\n');
            }
            List<String> routes = classlessRoutes(subnet);
            if (!routes.isEmpty()) {
                // A client given classless routes ignores the router option (RFC 3442): the default route
                // goes with them. 249 is the same option as Windows asks for it.
                String joined = String.join(",", routes);
                text.append(tag).append(",option:classless-static-route,").append(joined).append('\n');
                text.append(tag).append(",249,").append(joined).append('\n');
            }
            if (network.mtu() > 0) {
                text.append(tag).append(",option:mtu,").append(network.mtu()).append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> classlessRoutes(SubnetPlumbing subnet) {
        List<String> routes = new ArrayList<>();
        boolean hasDefault = false;
        for (HostRoute route : subnet.hostRoutes()) {
            IpPrefix destination = IpPrefix.parse(route.destination());
            if (destination.version() != 4) {
                continue;
            }
            hasDefault |= destination.length() == 0;
            routes.add(destination.network().withLengthText() + "," + route.nexthop());
        }
        if (!routes.isEmpty() && !hasDefault && subnet.gatewayIp() != null) {
            routes.add("0.0.0.0/0," + subnet.gatewayIp());
        }
        return routes;
    }

    static List<String> arguments(List<SubnetPlumbing> subnets, String interfaceName, Path directory, int mtu) {
        List<String> args = new ArrayList<>(List.of(
                "--conf-file=/dev/null",
                "--no-hosts",
                "--no-resolv",
                "--port=0",
                "--bind-interfaces",
                "--interface=" + interfaceName,
                "--except-interface=lo",
                "--pid-file=" + directory.resolve(PID_FILE),
                "--dhcp-hostsfile=" + directory.resolve(HOSTS_FILE),
                "--dhcp-optsfile=" + directory.resolve(OPTIONS_FILE),
                "--leasefile-ro",
                "--log-facility=" + directory.resolve(LOG_FILE),
                "--quiet-dhcp",
                // Neutron's: sets the tag ipxe for iPXE clients, which extra options can name (tag:ipxe,...)
                "--dhcp-match=set:ipxe,175"));
        long leases = 0;
        for (SubnetPlumbing subnet : subnets) {
            IpPrefix prefix = subnet.prefix();
            if (subnet.ipVersion() == 4) {
                args.add("--dhcp-range=set:" + tag(subnet) + "," + prefix.network().address() + ",static,"
                        + prefix.netmask() + "," + LEASE_SECONDS + "s");
                leases += 1L << (32 - prefix.length());
            } else {
                args.add("--dhcp-range=set:" + tag(subnet) + "," + prefix.network().address() + ","
                        + Dhcpv6Ranges.mode(subnet) + "," + prefix.length() + "," + LEASE_SECONDS + "s");
                leases += 1L << Math.min(24, 128 - prefix.length());
            }
        }
        args.add("--dhcp-lease-max=" + Math.min(leases, 1L << 24));
        args.addAll(Dhcpv6Ranges.advertisementArguments(subnets, interfaceName, mtu));
        return args;
    }

    private static String tag(SubnetPlumbing subnet) {
        return "subnet-" + subnet.subnetId();
    }
}
