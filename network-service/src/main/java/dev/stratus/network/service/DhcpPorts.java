package dev.stratus.network.service;

import dev.stratus.network.persistence.IpAllocationRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The DHCP port of a network: {@code network:dhcp}, device {@code dhcp<network id>}, holding one address of every
 * subnet with DHCP enabled; each host serves DHCP (dnsmasq) for the network on that address. It exists while the
 * network has such a subnet. Served wherever the network is plumbed and by the host of each DHCP agent the network
 * is scheduled to (a network that gets DHCP is scheduled then), it is bound to no host and reported ACTIVE.
 */
@ApplicationScoped
public class DhcpPorts {

    public static final String OWNER = "network:dhcp";

    private final PortRepository ports;
    private final PortWriter writer;
    private final IpAllocator ipam;
    private final IpAllocationRepository allocations;
    private final DhcpAgentScheduler scheduler;

    public DhcpPorts(PortRepository ports, PortWriter writer, IpAllocator ipam, IpAllocationRepository allocations,
            DhcpAgentScheduler scheduler) {
        this.scheduler = scheduler;
        this.ports = ports;
        this.writer = writer;
        this.ipam = ipam;
        this.allocations = allocations;
    }

    public static String deviceId(String networkId) {
        return "dhcp" + networkId;
    }

    public Optional<PortRow> of(String networkId) {
        return ports.byDevice(deviceId(networkId), OWNER).stream().findFirst();
    }

    /**
     * Gives the network's DHCP port an address of the subnet (creating the port if needed). Returns the port id,
     * or empty when the subnet has no free address left.
     */
    public Optional<String> serve(NetworkRow network, SubnetRow subnet) {
        scheduler.ensureHosted(network.id());
        Optional<PortRow> existing = of(network.id());
        if (existing.isEmpty()) {
            PortRow port = writer.create(PortDraft.service(network.id(), network.projectId(), OWNER,
                    deviceId(network.id()), "ACTIVE", List.of()), List.of());
            Optional<String> served = ipam.address(subnet, AddressedPort.of(port)).map(ip -> port.id());
            if (served.isEmpty()) {
                writer.delete(port.id());
            }
            return served;
        }
        PortRow port = existing.get();
        if (port.fixedIps().stream().anyMatch(ip -> ip.subnetId().equals(subnet.id()))) {
            return Optional.of(port.id());
        }
        Optional<String> id = ipam.address(subnet, AddressedPort.of(port)).map(ip -> port.id());
        ports.bump(port.id());
        return id;
    }

    /** Takes back the DHCP port's address of the subnet; removes the port when it has none left. */
    public Optional<String> stopServing(String networkId, String subnetId) {
        Optional<PortRow> existing = of(networkId);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        PortRow port = existing.get();
        port.fixedIps().stream().filter(ip -> ip.subnetId().equals(subnetId))
                .forEach(ip -> allocations.delete(port.id(), subnetId, ip.ipAddress()));
        if (port.fixedIps().stream().allMatch(ip -> ip.subnetId().equals(subnetId))) {
            writer.delete(port.id());
        } else {
            ports.bump(port.id());
        }
        return Optional.of(port.id());
    }
}
