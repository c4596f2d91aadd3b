package dev.stratus.network.service;

import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.StructuredValues.AddressPair;
import dev.stratus.network.ipam.MacAddresses;
import dev.stratus.network.persistence.IpAllocationRepository;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.SubnetRow;
import dev.stratus.network.persistence.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Writes ports: the row under a MAC address unique on its network (generated ones retried on a collision), the
 * addresses from the IPAM, security groups and address pairs. Checks of who may ask for what are the callers'.
 */
@ApplicationScoped
public class PortWriter {

    private static final int MAC_ATTEMPTS = 16;

    private final PortRepository ports;
    private final NetworkRepository networks;
    private final IpAllocator ipam;
    private final IpAllocationRepository allocations;
    private final TagRepository tags;
    private final MacAddresses macs;

    public PortWriter(PortRepository ports, NetworkRepository networks, IpAllocator ipam, IpAllocationRepository allocations, TagRepository tags,
            dev.stratus.network.config.NetworkSettings settings) {
        this.ports = ports;
        this.networks = networks;
        this.ipam = ipam;
        this.allocations = allocations;
        this.tags = tags;
        this.macs = new MacAddresses(settings.baseMac());
    }

    /** Creates the port on a network whose subnets are {@code networkSubnets}; returns it as stored. */
    public PortRow create(PortDraft d, List<SubnetRow> networkSubnets) {
        networks.share(d.networkId()).orElseThrow(() -> CoreFaults.networkNotFound(d.networkId()));
        String id = UUID.randomUUID().toString();
        PortBinding binding = PortBinding.of(d.bindingHost(), d.vnicType(), d.networkId());
        String mac = d.macAddress();
        String chosen = null;
        boolean stored = false;
        for (int attempt = 0; attempt < MAC_ATTEMPTS && !stored; attempt++) {
            String candidate = mac != null ? mac : macs.generate();
            chosen = candidate;
            stored = ports.insert(new PortRow(id, d.networkId(), d.projectId(), d.name(), candidate, d.adminStateUp(),
                    d.status(), d.deviceId(), d.deviceOwner(), d.portSecurityEnabled(), d.bindingHost(), d.vnicType(),
                    d.bindingProfile(), binding.vifType(), binding.vifDetails(), d.dnsName(), List.of(), List.of(),
                    List.of(), new StandardAttributes(d.description(), 1, null, null)));
            if (!stored && mac != null) {
                throw CoreFaults.macAddressInUse(d.networkId(), mac);
            }
        }
        if (!stored) {
            throw CoreFaults.macGenerationFailure(d.networkId());
        }
        ipam.allocate(new AddressedPort(id, d.networkId(), chosen, d.deviceOwner()), networkSubnets, d.fixedIps());
        ports.replaceSecurityGroups(id, d.securityGroups());
        ports.replaceAddressPairs(id, withMac(d.allowedAddressPairs(), chosen));
        return ports.find(id).orElseThrow();
    }

    /** Pairs without a MAC get the port's own, as Neutron stores them. */
    public static List<AddressPair> withMac(List<AddressPair> pairs, String portMac) {
        return pairs.stream().map(p -> p.macAddress() == null ? new AddressPair(p.ipAddress(), portMac) : p).toList();
    }

    /** Removes the port with its addresses, groups, pairs and tags. */
    public void delete(String portId) {
        allocations.deleteForPort(portId);
        tags.removeAll("ports", portId);
        ports.delete(portId);
    }
}
