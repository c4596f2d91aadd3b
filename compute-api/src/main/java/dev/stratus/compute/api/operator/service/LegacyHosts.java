package dev.stratus.compute.api.operator.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.persistence.ComputeNodeRow;
import dev.stratus.compute.api.operator.persistence.HostInstances;
import dev.stratus.compute.api.operator.persistence.HostInstances.HostLoad;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hosts as Nova's deprecated os-hosts API shows them: the hosts of the enabled services with their topic and
 * zone, and per compute host its totals, what it reports in use, what its servers' flavors add up to and the
 * same per project.
 */
@ApplicationScoped
public class LegacyHosts {

    /** API services are not hosts in os-hosts (Nova leaves out nova-osapi_compute and nova-metadata). */
    private static final Set<String> API_BINARIES = Set.of("nova-osapi_compute", "nova-metadata");

    /** One entry of the list: a host, the topic of one of its enabled services, and that service's zone. */
    public record HostEntry(String hostName, String service, String zone) {
    }

    private final AvailabilityZones zones;
    private final ServiceRecords services;
    private final HostInstances instances;

    public LegacyHosts(AvailabilityZones zones, ServiceRecords services, HostInstances instances) {
        this.zones = zones;
        this.services = services;
        this.instances = instances;
    }

    /** The enabled services' hosts, in service order; with a zone, only those in it. */
    public List<HostEntry> list(String zone) {
        List<HostEntry> hosts = new ArrayList<>();
        for (AvailabilityZones.ZonedService s : zones.services(null, null)) {
            if (s.service().disabled() || API_BINARIES.contains(s.service().binary())) {
                continue;
            }
            if (zone == null || zone.equals(s.zone())) {
                hosts.add(new HostEntry(s.service().host(), s.service().topic(), s.zone()));
            }
        }
        return hosts;
    }

    /**
     * The resources of a compute host: {@code (total)}, {@code (used_now)} (as its node reports them),
     * {@code (used_max)} (its servers' flavors) and one line per project with servers there.
     */
    public List<Map<String, Object>> resources(String host) {
        ComputeNodeRow node = services.nodes().stream().filter(n -> n.host().equals(host))
                .min(Comparator.comparingInt(ComputeNodeRow::id))
                .orElseThrow(() -> ApiException.notFound("Compute host " + host + " could not be found."));
        List<HostLoad> load = instances.loadOnHost(host);
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(line(host, "(total)", node.vcpus(), node.memoryMb(), node.localGb()));
        lines.add(line(host, "(used_now)", node.vcpusUsed(), node.memoryMbUsed(), node.localGbUsed()));
        lines.add(line(host, "(used_max)", load.stream().mapToLong(HostLoad::vcpus).sum(),
                load.stream().mapToLong(HostLoad::memoryMb).sum(), load.stream().mapToLong(HostLoad::diskGb).sum()));
        Map<String, long[]> byProject = new LinkedHashMap<>();
        for (HostLoad l : load) {
            long[] sum = byProject.computeIfAbsent(l.projectId(), p -> new long[3]);
            sum[0] += l.vcpus();
            sum[1] += l.memoryMb();
            sum[2] += l.diskGb();
        }
        byProject.forEach((project, sum) -> lines.add(line(host, project, sum[0], sum[1], sum[2])));
        return lines;
    }

    /** Whether a compute service runs on the host (the actions' 404 otherwise, with Nova's words). */
    public void requireComputeHost(String host) {
        if (!services.computeHostExists(host)) {
            throw ApiException.notFound("Host " + host + " could not be found.");
        }
    }

    private static Map<String, Object> line(String host, String project, long cpu, long memoryMb, long diskGb) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("host", host);
        resource.put("project", project);
        resource.put("cpu", cpu);
        resource.put("memory_mb", memoryMb);
        resource.put("disk_gb", diskGb);
        return Map.of("resource", resource);
    }
}
