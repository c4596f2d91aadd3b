package dev.stratus.compute.api.operator.service;

import dev.stratus.compute.api.operator.persistence.ComputeNodeRow;
import dev.stratus.compute.api.operator.persistence.HostInstances;
import dev.stratus.compute.api.operator.persistence.HostInstances.ServerRef;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hypervisors (compute nodes) with their service's state, workload and, when asked, their servers. */
@ApplicationScoped
public class Hypervisors {

    /**
     * A compute node as the API shows it.
     *
     * @param servers the servers it runs, or null when the request did not ask for them
     */
    public record Hypervisor(ComputeNodeRow node, boolean up, int currentWorkload, List<ServerRef> servers) {

        /** The host's uptime as its node last reported it, while the service is up; null otherwise. */
        public String uptime() {
            return up ? node.hostUptime() : null;
        }
    }

    /** Sums over the hypervisors of enabled services (Nova's statistics; what no node reports sums to 0). */
    public record Statistics(int count, long vcpus, long memoryMb, long localGb, long vcpusUsed, long memoryMbUsed,
            long localGbUsed, long freeRamMb, long freeDiskGb, long currentWorkload, long runningVms,
            long diskAvailableLeast) {
    }

    private final ServiceRecords services;
    private final HostInstances instances;
    private final ServiceLiveness liveness;

    public Hypervisors(ServiceRecords services, HostInstances instances, ServiceLiveness liveness) {
        this.services = services;
        this.instances = instances;
        this.liveness = liveness;
    }

    /** All hypervisors in id order, or those whose host name contains {@code pattern}. */
    public List<Hypervisor> list(String pattern, boolean withServers) {
        List<ComputeNodeRow> nodes = pattern == null ? services.nodes() : services.nodesMatching(pattern);
        return assemble(nodes, withServers);
    }

    public Optional<Hypervisor> byId(int id, boolean withServers) {
        return services.nodeById(id).map(n -> assemble(List.of(n), withServers).get(0));
    }

    public Optional<Hypervisor> byUuid(String uuid, boolean withServers) {
        return services.nodeByUuid(uuid).map(n -> assemble(List.of(n), withServers).get(0));
    }

    public Statistics statistics() {
        List<Hypervisor> enabled = assemble(services.nodes(), false).stream()
                .filter(h -> !h.node().service().disabled()).toList();
        long vcpus = 0, memory = 0, disk = 0, vcpusUsed = 0, memoryUsed = 0, diskUsed = 0, workload = 0, vms = 0;
        long least = 0;
        for (Hypervisor h : enabled) {
            ComputeNodeRow n = h.node();
            vcpus += n.vcpus();
            memory += n.memoryMb();
            disk += n.localGb();
            vcpusUsed += n.vcpusUsed();
            memoryUsed += n.memoryMbUsed();
            diskUsed += n.localGbUsed();
            workload += h.currentWorkload();
            vms += n.runningVms();
            if (n.diskAvailableLeast() != null) {
                least += n.diskAvailableLeast();
            }
        }
        return new Statistics(enabled.size(), vcpus, memory, disk, vcpusUsed, memoryUsed, diskUsed,
                memory - memoryUsed, disk - diskUsed, workload, vms, least);
    }

    private List<Hypervisor> assemble(List<ComputeNodeRow> nodes, boolean withServers) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> workload = instances.workloadByNode();
        Map<String, List<ServerRef>> serversByNode = new LinkedHashMap<>();
        if (withServers) {
            List<String> hosts = nodes.stream().map(ComputeNodeRow::host).distinct().toList();
            for (ServerRef server : instances.serversOnHosts(hosts)) {
                serversByNode.computeIfAbsent(server.host() + "/" + (server.node() == null ? "" : server.node()),
                        k -> new ArrayList<>()).add(server);
            }
        }
        var now = liveness.now();
        List<Hypervisor> out = new ArrayList<>();
        for (ComputeNodeRow node : nodes) {
            String key = node.host() + "/" + node.hypervisorHostname();
            // Servers placed on the host before a node name was recorded count for its node.
            String hostOnly = node.host() + "/";
            int busy = workload.getOrDefault(key, 0) + workload.getOrDefault(hostOnly, 0);
            List<ServerRef> servers = null;
            if (withServers) {
                servers = new ArrayList<>(serversByNode.getOrDefault(key, List.of()));
                servers.addAll(serversByNode.getOrDefault(hostOnly, List.of()));
            }
            out.add(new Hypervisor(node, liveness.isUp(node.service(), now), busy, servers));
        }
        return out;
    }
}
