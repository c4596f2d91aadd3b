package dev.stratus.compute.api.view;

import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.GuestDiagnostics.Cpu;
import dev.stratus.common.compute.GuestDiagnostics.Disk;
import dev.stratus.common.compute.GuestDiagnostics.Nic;
import dev.stratus.common.web.ApiVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /servers/{id}/diagnostics} in the microversion's format. Before 2.48 Nova shows its libvirt
 * driver's free-form dictionary: {@code cpu<N>_time}; per disk {@code <dev>_read_req}, {@code _read},
 * {@code _write_req}, {@code _write}, {@code _errors}; per NIC with a host device {@code <dev>_rx},
 * {@code _rx_packets}, {@code _rx_errors}, {@code _rx_drop} and the same for tx; {@code memory} (KiB) and
 * {@code memory-<stat>} for the balloon's statistics. From 2.48 the standard body, every field present (null where
 * not measured); memory in MiB as the API reference documents it.
 */
public final class ServerDiagnosticsView {

    private ServerDiagnosticsView() {
    }

    public static Map<String, Object> of(GuestDiagnostics d, ApiVersion version) {
        return ComputeVersions.STANDARD_DIAGNOSTICS.contains(version) ? standard(d) : legacy(d);
    }

    static Map<String, Object> legacy(GuestDiagnostics d) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Cpu cpu : d.cpus()) {
            body.put("cpu" + cpu.id() + "_time", cpu.timeNs());
        }
        for (Disk disk : d.disks()) {
            body.put(disk.device() + "_read_req", disk.readRequests());
            body.put(disk.device() + "_read", disk.readBytes());
            body.put(disk.device() + "_write_req", disk.writeRequests());
            body.put(disk.device() + "_write", disk.writeBytes());
            body.put(disk.device() + "_errors", disk.errors());
        }
        for (Nic nic : d.nics()) {
            if (nic.device() == null) {
                continue;
            }
            body.put(nic.device() + "_rx", nic.rxOctets());
            body.put(nic.device() + "_rx_packets", nic.rxPackets());
            body.put(nic.device() + "_rx_errors", nic.rxErrors());
            body.put(nic.device() + "_rx_drop", nic.rxDrop());
            body.put(nic.device() + "_tx", nic.txOctets());
            body.put(nic.device() + "_tx_packets", nic.txPackets());
            body.put(nic.device() + "_tx_errors", nic.txErrors());
            body.put(nic.device() + "_tx_drop", nic.txDrop());
        }
        body.put("memory", d.memory().maximumKib());
        d.memory().stats().forEach((name, value) -> body.put("memory-" + name, value));
        return body;
    }

    static Map<String, Object> standard(GuestDiagnostics d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", d.state());
        body.put("driver", d.driver());
        body.put("hypervisor", d.hypervisor());
        body.put("hypervisor_os", d.hypervisorOs());
        body.put("uptime", d.uptimeSeconds());
        body.put("config_drive", d.configDrive());
        body.put("num_cpus", d.cpus().size());
        body.put("num_disks", d.disks().size());
        body.put("num_nics", d.nics().size());
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("maximum", mib(d.memory().maximumKib()));
        memory.put("used", mib(d.memory().currentKib()));
        body.put("memory_details", memory);
        List<Map<String, Object>> cpus = new ArrayList<>();
        for (Cpu cpu : d.cpus()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", cpu.id());
            c.put("time", cpu.timeNs());
            c.put("utilisation", null);
            cpus.add(c);
        }
        body.put("cpu_details", cpus);
        List<Map<String, Object>> nics = new ArrayList<>();
        for (Nic nic : d.nics()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("mac_address", nic.macAddress());
            n.put("rx_octets", nic.rxOctets());
            n.put("rx_errors", nic.rxErrors());
            n.put("rx_drop", nic.rxDrop());
            n.put("rx_packets", nic.rxPackets());
            n.put("rx_rate", null);
            n.put("tx_octets", nic.txOctets());
            n.put("tx_errors", nic.txErrors());
            n.put("tx_drop", nic.txDrop());
            n.put("tx_packets", nic.txPackets());
            n.put("tx_rate", null);
            nics.add(n);
        }
        body.put("nic_details", nics);
        List<Map<String, Object>> disks = new ArrayList<>();
        for (Disk disk : d.disks()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("read_bytes", disk.readBytes());
            k.put("read_requests", disk.readRequests());
            k.put("write_bytes", disk.writeBytes());
            k.put("write_requests", disk.writeRequests());
            k.put("errors_count", disk.errors());
            disks.add(k);
        }
        body.put("disk_details", disks);
        return body;
    }

    private static Long mib(Long kib) {
        return kib == null ? null : kib / 1024;
    }
}
