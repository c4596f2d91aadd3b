package dev.stratus.compute.api.operator.rest;

import static dev.stratus.compute.api.view.ComputeVersions.CPU_INFO_OBJECT;
import static dev.stratus.compute.api.view.ComputeVersions.CPU_INFO_STRING;
import static dev.stratus.compute.api.view.ComputeVersions.HYPERVISOR_CAPACITY;
import static dev.stratus.compute.api.view.ComputeVersions.HYPERVISOR_EMPTY_SERVERS;
import static dev.stratus.compute.api.view.ComputeVersions.HYPERVISOR_SERVERS_WHEN_SOME;
import static dev.stratus.compute.api.view.ComputeVersions.HYPERVISOR_UPTIME_FIELD;
import static dev.stratus.compute.api.view.ComputeVersions.OPERATOR_INTEGER_IDS;
import static dev.stratus.compute.api.view.ComputeVersions.OPERATOR_UUID_IDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.compute.api.operator.persistence.ComputeNodeRow;
import dev.stratus.compute.api.operator.service.Hypervisors.Hypervisor;
import dev.stratus.compute.api.operator.service.Hypervisors.Statistics;
import dev.stratus.compute.api.view.VersionedFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of os-hypervisors, per microversion. */
final class HypervisorViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The list and search form: who it is and whether it is up. */
    static final VersionedFields<Hypervisor, Void> SUMMARY = new VersionedFields<Hypervisor, Void>()
            .in(OPERATOR_INTEGER_IDS, "id", (h, c) -> h.node().id())
            .in(OPERATOR_UUID_IDS, "id", (h, c) -> h.node().uuid())
            .always("hypervisor_hostname", (h, c) -> h.node().hypervisorHostname())
            .always("state", (h, c) -> h.up() ? "up" : "down")
            .always("status", (h, c) -> h.node().service().disabled() ? "disabled" : "enabled");

    /** The servers field, when the request asked for servers: an empty list only from 2.75. */
    private static final VersionedFields<Hypervisor, Void> SERVERS = new VersionedFields<Hypervisor, Void>()
            .in(HYPERVISOR_SERVERS_WHEN_SOME, "servers",
                    (h, c) -> h.servers() == null || h.servers().isEmpty() ? VersionedFields.OMIT : servers(h))
            .in(HYPERVISOR_EMPTY_SERVERS, "servers",
                    (h, c) -> h.servers() == null ? VersionedFields.OMIT : servers(h));

    static final VersionedFields<Hypervisor, Void> SUMMARY_WITH_SERVERS = new VersionedFields<Hypervisor, Void>()
            .including(SUMMARY).including(SERVERS);

    /** The detail list and show form. */
    static final VersionedFields<Hypervisor, Void> DETAIL = new VersionedFields<Hypervisor, Void>()
            .including(SUMMARY)
            .always("hypervisor_type", (h, c) -> h.node().hypervisorType())
            .always("hypervisor_version", (h, c) -> h.node().hypervisorVersion())
            .always("host_ip", (h, c) -> h.node().hostIp())
            .in(OPERATOR_INTEGER_IDS, "service", (h, c) -> service(h, h.node().service().id()))
            .in(OPERATOR_UUID_IDS, "service", (h, c) -> service(h, h.node().service().uuid()))
            .in(HYPERVISOR_CAPACITY, "vcpus", (h, c) -> h.node().vcpus())
            .in(HYPERVISOR_CAPACITY, "memory_mb", (h, c) -> h.node().memoryMb())
            .in(HYPERVISOR_CAPACITY, "local_gb", (h, c) -> h.node().localGb())
            .in(HYPERVISOR_CAPACITY, "vcpus_used", (h, c) -> h.node().vcpusUsed())
            .in(HYPERVISOR_CAPACITY, "memory_mb_used", (h, c) -> h.node().memoryMbUsed())
            .in(HYPERVISOR_CAPACITY, "local_gb_used", (h, c) -> h.node().localGbUsed())
            .in(HYPERVISOR_CAPACITY, "free_ram_mb", (h, c) -> h.node().freeRamMb())
            .in(HYPERVISOR_CAPACITY, "free_disk_gb", (h, c) -> h.node().freeDiskGb())
            .in(HYPERVISOR_CAPACITY, "current_workload", (h, c) -> h.currentWorkload())
            .in(HYPERVISOR_CAPACITY, "running_vms", (h, c) -> h.node().runningVms())
            .in(HYPERVISOR_CAPACITY, "disk_available_least", (h, c) -> h.node().diskAvailableLeast())
            .in(CPU_INFO_STRING, "cpu_info", (h, c) -> h.node().cpuInfo() == null ? "" : h.node().cpuInfo())
            .in(CPU_INFO_OBJECT, "cpu_info", (h, c) -> cpuInfoObject(h.node()))
            // 2.88 shows the host's uptime in the detail form, in place of the uptime URL
            .in(HYPERVISOR_UPTIME_FIELD, "uptime", (h, c) -> h.uptime())
            .including(SERVERS);

    /** {@code GET /os-hypervisors/{id}/uptime} (before 2.88). */
    static final VersionedFields<Hypervisor, Void> UPTIME = new VersionedFields<Hypervisor, Void>()
            .including(SUMMARY)
            .always("uptime", (h, c) -> h.uptime());

    static final VersionedFields<Statistics, Void> STATISTICS = new VersionedFields<Statistics, Void>()
            .always("count", (s, c) -> s.count())
            .always("vcpus", (s, c) -> s.vcpus())
            .always("memory_mb", (s, c) -> s.memoryMb())
            .always("local_gb", (s, c) -> s.localGb())
            .always("vcpus_used", (s, c) -> s.vcpusUsed())
            .always("memory_mb_used", (s, c) -> s.memoryMbUsed())
            .always("local_gb_used", (s, c) -> s.localGbUsed())
            .always("free_ram_mb", (s, c) -> s.freeRamMb())
            .always("free_disk_gb", (s, c) -> s.freeDiskGb())
            .always("current_workload", (s, c) -> s.currentWorkload())
            .always("running_vms", (s, c) -> s.runningVms())
            .always("disk_available_least", (s, c) -> s.diskAvailableLeast());

    private HypervisorViews() {
    }

    private static Map<String, Object> service(Hypervisor h, Object id) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("host", h.node().service().host());
        service.put("id", id);
        service.put("disabled_reason", h.node().service().disabledReason());
        return service;
    }

    private static List<Map<String, Object>> servers(Hypervisor h) {
        return h.servers().stream().map(s -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("name", s.name());
            server.put("uuid", s.uuid());
            return server;
        }).toList();
    }

    private static Object cpuInfoObject(ComputeNodeRow node) {
        if (node.cpuInfo() == null || node.cpuInfo().isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(node.cpuInfo(), Object.class);
        } catch (JsonProcessingException e) {
            // A node that reports free text: show it rather than fail the whole listing.
            return Map.of("description", node.cpuInfo());
        }
    }
}
