package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.StructuredValues.FixedIpRequest;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.ipam.AllocationPools;
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
 * from the first IPv4 subnet that has one free, one from the first static IPv6 subnet, and one from each SLAAC
 * subnet.
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
     * Allocates what the port asks for ({@code requested}; null for Neutron's automatic choice). Addresses the port
     * already holds and asks for again ({@code keep}) stay as they are.
     */
    public List<FixedIp> allocate(String portId, String networkId, List<SubnetRow> networkSubnets,
            List<FixedIpRequest> requested, List<FixedIp> keep, boolean routerPort) {
        if (requested == null) {
            return allocateAutomatically(portId, networkId, networkSubnets);
        }
        if (requested.size() > settings.maxFixedIpsPerPort()) {
            throw Faults.invalidInput("Exceeded maximum amount of fixed ips per port");
        }
        List<SubnetRow> targets = new ArrayList<>();
        for (FixedIpRequest r : requested) {
            targets.add(subnetFor(r, networkSubnets, networkId, routerPort));
        }
        lock(targets);
        List<FixedIp> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            FixedIpRequest r = requested.get(i);
            SubnetRow subnet = targets.get(i);
            if (r.ipAddress() != null) {
                FixedIp held = new FixedIp(subnet.id(), r.ipAddress());
                if (keep.contains(held)) {
                    out.add(held);
                    continue;
                }
                out.add(exact(subnet, IpAddress.of(r.ipAddress()), portId, networkId));
                continue;
            }
            Optional<FixedIp> kept = keep.stream().filter(k -> k.subnetId().equals(subnet.id()) && !out.contains(k)
                    && requested.stream().noneMatch(o -> k.ipAddress().equals(o.ipAddress()))).findFirst();
            if (kept.isPresent()) {
                out.add(kept.get());
                continue;
            }
            out.add(any(subnet, portId, networkId).orElseThrow(() -> CoreFaults.ipAddressGenerationFailure(networkId)));
        }
        return out;
    }

    private List<FixedIp> allocateAutomatically(String portId, String networkId, List<SubnetRow> networkSubnets) {
        List<FixedIp> out = new ArrayList<>();
        List<SubnetRow> v4 = networkSubnets.stream().filter(s -> s.ipVersion() == 4).toList();
        List<SubnetRow> v6Static = networkSubnets.stream().filter(s -> s.ipVersion() == 6 && !s.autoAddress()).toList();
        List<SubnetRow> v6Auto = networkSubnets.stream().filter(s -> s.ipVersion() == 6 && s.autoAddress()).toList();
        lock(networkSubnets);
        for (List<SubnetRow> family : List.of(v4, v6Static)) {
            if (family.isEmpty()) {
                continue;
            }
            Optional<FixedIp> got = Optional.empty();
            for (SubnetRow subnet : family) {
                got = any(subnet, portId, networkId);
                if (got.isPresent()) {
                    break;
                }
            }
            out.add(got.orElseThrow(() -> CoreFaults.ipAddressGenerationFailure(networkId)));
        }
        for (SubnetRow subnet : v6Auto) {
            out.add(any(subnet, portId, networkId).orElseThrow(() -> CoreFaults.ipAddressGenerationFailure(networkId)));
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
