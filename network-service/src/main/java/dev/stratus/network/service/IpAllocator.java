package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.ipam.AllocationPools;
import dev.stratus.network.ipam.Eui64;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.ipam.IpRange;
import dev.stratus.network.persistence.IpAllocationRepository;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Neutron's IPAM over the {@code ip_allocations} table. Addresses of a subnet are chosen under a lock on that
 * subnet held to the end of the transaction (so concurrent ports queue instead of colliding), and stored under a
 * primary key that no second port can share whatever happens. A port without explicit fixed IPs gets one address
 * from the first IPv4 subnet that has one free and one from the first static (or DHCPv6-stateful) IPv6 subnet;
 * every port but a router interface also gets the EUI-64 address of its MAC on each SLAAC and DHCPv6-stateless
 * subnet, as Neutron gives it.
 */
@ApplicationScoped
public class IpAllocator {

    private static final int ATTEMPTS = 8;

    private final IpAllocationRepository allocations;
    private final SubnetRepository subnets;
    private final NetworkSettings settings;
    private final Db db;

    public IpAllocator(IpAllocationRepository allocations, SubnetRepository subnets, NetworkSettings settings, Db db) {
        this.allocations = allocations;
        this.subnets = subnets;
        this.settings = settings;
        this.db = db;
    }

    /** The subnet a requested fixed IP names or falls in, checked as Neutron checks it. */
    public SubnetRow subnetFor(FixedIpRequest request, List<SubnetRow> networkSubnets, String networkId,
            boolean routerPort) {
        if (networkSubnets.isEmpty()) {
            throw Faults.invalidInput("IP allocation requires subnets for network");
        }
        if (request.subnetId() != null) {
            SubnetRow subnet = networkSubnets.stream().filter(s -> s.id().equals(request.subnetId())).findFirst()
                    .orElseThrow(() -> subnets.find(request.subnetId()).isPresent()
                            ? Faults.invalidInput("Failed to create port on network " + networkId
                                    + ", because fixed_ips included invalid subnet " + request.subnetId())
                            : CoreFaults.subnetNotFound(request.subnetId()));
            if (request.ipAddress() != null
                    && !AllocationPools.validForPort(subnet.network(), IpAddress.of(request.ipAddress()), routerPort)) {
                throw CoreFaults.invalidIpForSubnet(request.ipAddress());
            }
            return subnet;
        }
        if (request.ipAddress() == null) {
            throw Faults.invalidInput("IP allocation requires subnet_id or ip_address");
        }
        IpAddress ip = IpAddress.of(request.ipAddress());
        return networkSubnets.stream().filter(s -> AllocationPools.validForPort(s.network(), ip, routerPort)).findFirst()
                .orElseThrow(() -> CoreFaults.invalidIpForNetwork(request.ipAddress()));
    }

    /**
     * A new port's addresses: what it asks for ({@code requested}; null for Neutron's automatic choice), and, unless
     * it is a router interface, the EUI-64 address of every SLAAC or DHCPv6-stateless subnet of the network
     * whether it names them or not (Neutron's implicit auto-address subnets).
     */
    public List<FixedIp> allocate(AddressedPort port, List<SubnetRow> networkSubnets, List<FixedIpRequest> requested) {
        List<SubnetRow> auto = port.routerInterface() ? List.of()
                : networkSubnets.stream().filter(SubnetRow::autoAddress).toList();
        List<FixedIp> out;
        if (requested == null) {
            out = allocateAutomatically(port, networkSubnets);
        } else {
            List<SubnetRow> targets = targets(port, networkSubnets, requested);
            List<SubnetRow> locked = new ArrayList<>(targets);
            locked.addAll(auto);
            lock(locked);
            out = requested(port, requested, targets, List.of());
        }
        for (SubnetRow subnet : auto) {
            if (out.stream().noneMatch(ip -> ip.subnetId().equals(subnet.id()))) {
                out.add(eui64(subnet, port));
            }
        }
        return out;
    }

    /**
     * A port's addresses after an update asking for {@code requested}: addresses it holds ({@code held}) and asks
     * for again stay as they are, and so do its SLAAC and DHCPv6-stateless addresses whether it names them or not
     * (a router interface keeps only what it asks for). Releasing what is left out is the caller's.
     */
    public List<FixedIp> reallocate(AddressedPort port, List<SubnetRow> networkSubnets, List<FixedIpRequest> requested,
            List<FixedIp> held) {
        List<SubnetRow> targets = targets(port, networkSubnets, requested);
        lock(targets);
        List<FixedIp> out = requested(port, requested, targets, held);
        if (!port.routerInterface()) {
            for (FixedIp ip : held) {
                boolean auto = networkSubnets.stream().anyMatch(s -> s.id().equals(ip.subnetId()) && s.autoAddress());
                if (auto && !out.contains(ip)) {
                    out.add(ip);
                }
            }
        }
        return out;
    }

    /**
     * The port's EUI-64 addresses for its new MAC: each SLAAC or DHCPv6-stateless address it holds is given back
     * and the one of {@code port}'s MAC taken instead. Returns the port's addresses afterwards.
     */
    public List<FixedIp> readdress(AddressedPort port, List<SubnetRow> networkSubnets, List<FixedIp> held) {
        if (port.routerInterface()) {
            return held;
        }
        List<FixedIp> out = new ArrayList<>();
        for (FixedIp ip : held) {
            Optional<SubnetRow> auto = networkSubnets.stream()
                    .filter(s -> s.id().equals(ip.subnetId()) && s.autoAddress()).findFirst();
            if (auto.isEmpty()) {
                out.add(ip);
                continue;
            }
            release(port.id(), ip);
            out.add(eui64(auto.get(), port));
        }
        return out;
    }

    /** One address of the subnet for the port: its EUI-64 one on an auto-address subnet, else one of the pools. */
    public Optional<FixedIp> address(SubnetRow subnet, AddressedPort port) {
        if (subnet.autoAddress() && !port.routerInterface()) {
            return Optional.of(eui64(subnet, port));
        }
        return any(subnet, port.id(), port.networkId());
    }

    /** The port's EUI-64 address on the subnet, or IpAddressAlreadyAllocated when another port holds it. */
    public FixedIp eui64(SubnetRow subnet, AddressedPort port) {
        return exact(subnet, Eui64.address(subnet.network(), port.macAddress()), port.id(), port.networkId());
    }

    private List<SubnetRow> targets(AddressedPort port, List<SubnetRow> networkSubnets, List<FixedIpRequest> requested) {
        if (requested.size() > settings.maxFixedIpsPerPort()) {
            throw Faults.invalidInput("Exceeded maximum amount of fixed ips per port");
        }
        List<SubnetRow> targets = new ArrayList<>();
        for (FixedIpRequest r : requested) {
            targets.add(subnetFor(r, networkSubnets, port.networkId(), port.routerPort()));
        }
        return targets;
    }

    /**
     * The addresses asked for, in order. An address on a SLAAC or DHCPv6-stateless subnet cannot be asked for
     * (except by router interfaces, which hold the gateway's), and naming such a subnet alone adds nothing here:
     * its EUI-64 address comes with the port.
     */
    private List<FixedIp> requested(AddressedPort port, List<FixedIpRequest> requested, List<SubnetRow> targets,
            List<FixedIp> keep) {
        List<FixedIp> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            FixedIpRequest r = requested.get(i);
            SubnetRow subnet = targets.get(i);
            boolean automatic = subnet.autoAddress() && !port.routerInterface();
            if (r.ipAddress() != null) {
                FixedIp held = new FixedIp(subnet.id(), r.ipAddress());
                if (keep.contains(held)) {
                    out.add(held);
                    continue;
                }
                if (automatic) {
                    throw CoreFaults.allocationOnAutoAddressSubnet(r.ipAddress(), subnet.id());
                }
                out.add(exact(subnet, IpAddress.of(r.ipAddress()), port.id(), port.networkId()));
                continue;
            }
            if (automatic) {
                continue;
            }
            Optional<FixedIp> kept = keep.stream().filter(k -> k.subnetId().equals(subnet.id()) && !out.contains(k)
                    && requested.stream().noneMatch(o -> k.ipAddress().equals(o.ipAddress()))).findFirst();
            if (kept.isPresent()) {
                out.add(kept.get());
                continue;
            }
            out.add(any(subnet, port.id(), port.networkId())
                    .orElseThrow(() -> CoreFaults.ipAddressGenerationFailure(port.networkId())));
        }
        return out;
    }

    /** One address from the first IPv4 subnet with room and one from the first static IPv6 subnet with room. */
    private List<FixedIp> allocateAutomatically(AddressedPort port, List<SubnetRow> networkSubnets) {
        List<FixedIp> out = new ArrayList<>();
        List<SubnetRow> v4 = networkSubnets.stream().filter(s -> s.ipVersion() == 4).toList();
        List<SubnetRow> v6Static = networkSubnets.stream().filter(s -> s.ipVersion() == 6 && !s.autoAddress()).toList();
        lock(networkSubnets);
        for (List<SubnetRow> family : List.of(v4, v6Static)) {
            if (family.isEmpty()) {
                continue;
            }
            Optional<FixedIp> got = Optional.empty();
            for (SubnetRow subnet : family) {
                got = any(subnet, port.id(), port.networkId());
                if (got.isPresent()) {
                    break;
                }
            }
            out.add(got.orElseThrow(() -> CoreFaults.ipAddressGenerationFailure(port.networkId())));
        }
        return out;
    }

    /** One free address of the subnet's pools, or empty when they are full. */
    public Optional<FixedIp> any(SubnetRow subnet, String portId, String networkId) {
        lock(List.of(subnet));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<IpAddress> candidate = free(subnet);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            if (allocations.insert(subnet.id(), networkId, portId, candidate.get())) {
                return Optional.of(new FixedIp(subnet.id(), candidate.get().toString()));
            }
        }
        return Optional.empty();
    }

    /** The given address, or IpAddressAlreadyAllocated. */
    public FixedIp exact(SubnetRow subnet, IpAddress ip, String portId, String networkId) {
        lock(List.of(subnet));
        if (!allocations.insert(subnet.id(), networkId, portId, ip)) {
            throw CoreFaults.ipAddressAlreadyAllocated(ip.toString(), subnet.id());
        }
        return new FixedIp(subnet.id(), ip.toString());
    }

    /** Gives an address back. */
    public void release(String portId, FixedIp ip) {
        allocations.delete(portId, ip.subnetId(), ip.ipAddress());
    }

    /** Above the highest allocated address of a pool while there is room, else the lowest gap. */
    private Optional<IpAddress> free(SubnetRow subnet) {
        for (IpRange pool : subnet.allocationPools()) {
            Optional<IpAddress> highest = allocations.highestIn(subnet.id(), pool);
            if (highest.isEmpty()) {
                return Optional.of(pool.first());
            }
            if (highest.get().compareTo(pool.last()) < 0) {
                return Optional.of(highest.get().plus(1));
            }
        }
        for (IpRange pool : subnet.allocationPools()) {
            Optional<IpAddress> gap = allocations.lowestFreeIn(subnet.id(), pool);
            if (gap.isPresent()) {
                return gap;
            }
        }
        return Optional.empty();
    }

    /** Subnet locks in one order (by id), so that two ports spanning the same subnets cannot deadlock. */
    private void lock(List<SubnetRow> targets) {
        for (String id : new TreeSet<>(targets.stream().map(SubnetRow::id).toList())) {
            db.lock("ipam", id);
        }
    }
}
