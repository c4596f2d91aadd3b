package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.GuestDiagnostics.Cpu;
import dev.stratus.common.compute.GuestDiagnostics.Disk;
import dev.stratus.common.compute.GuestDiagnostics.Memory;
import dev.stratus.common.compute.GuestDiagnostics.Nic;
import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.NetInterface;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestStats;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.VirtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The diagnostics of a running domain, read as Nova's libvirt driver reads them: the domain's information
 * (state, memory) and live XML must be readable; the vCPUs, each disk, each NIC and the balloon's memory
 * statistics are each left out when libvirt cannot give them (a NIC without a host device is shown without
 * counters). Disks are the domain's (root, rescued root, config drive), named by their target in the guest.
 */
final class LibvirtDiagnostics {

    private static final Logger LOG = Logger.getLogger(LibvirtDiagnostics.class);

    static final String DRIVER = "libvirt";
    static final String HYPERVISOR_OS = "linux";

    private LibvirtDiagnostics() {
    }

    /** @param files the instance's files, to tell its config drive among the domain's disks */
    static GuestDiagnostics read(GuestDomain domain, InstanceFiles files) throws LibvirtFailure, VirtException {
        GuestStats.Info info = domain.info();
        DomainDefinition definition;
        try {
            definition = DomainXmlParser.parse(domain.xml());
        } catch (IllegalArgumentException e) {
            throw new VirtException("The server's domain definition could not be read", e);
        }
        Set<String> configDrives = Set.of(files.configDrive().toString(), files.rescue().configDrive().toString());
        boolean configDrive = definition.disks().stream().anyMatch(d -> configDrives.contains(d.sourceFile()));
        return new GuestDiagnostics(PowerStates.of(info.state(), false).novaName(), DRIVER, definition.type(),
                HYPERVISOR_OS, null, configDrive, memory(domain, info), cpus(domain, info), disks(domain, definition),
                nics(domain, definition));
    }

    private static Memory memory(GuestDomain domain, GuestStats.Info info) {
        Map<String, Long> stats;
        try {
            stats = domain.memoryStats();
        } catch (LibvirtFailure e) {
            skipped("memory statistics", e);
            stats = Map.of();
        }
        return new Memory(info.maxMemoryKib(), info.memoryKib(), stats);
    }

    private static List<Cpu> cpus(GuestDomain domain, GuestStats.Info info) {
        List<Cpu> cpus = new ArrayList<>();
        try {
            // libvirt-java sizes the answer by the maximum vCPUs: only the domain's own count are real
            for (GuestStats.Vcpu vcpu : domain.vcpus().stream().limit(info.vcpus()).toList()) {
                cpus.add(new Cpu(vcpu.number(), vcpu.cpuTimeNs()));
            }
        } catch (LibvirtFailure e) {
            skipped("vCPU times", e);
        }
        return cpus;
    }

    private static List<Disk> disks(GuestDomain domain, DomainDefinition definition) {
        List<Disk> disks = new ArrayList<>();
        for (var disk : definition.disks()) {
            String device = disk.targetDev();
            try {
                GuestStats.Block stats = domain.blockStats(device);
                disks.add(new Disk(device, stats.readRequests(), stats.readBytes(), stats.writeRequests(),
                        stats.writeBytes(), stats.errors()));
            } catch (LibvirtFailure e) {
                skipped("disk " + device, e);
            }
        }
        return disks;
    }

    private static List<Nic> nics(GuestDomain domain, DomainDefinition definition) {
        List<Nic> nics = new ArrayList<>();
        for (NetInterface nic : definition.devices().interfaces()) {
            String device = nic.targetDev();
            if (device == null || device.isBlank()) {
                nics.add(Nic.unmeasured(nic.mac()));
                continue;
            }
            try {
                GuestStats.Interface s = domain.interfaceStats(device);
                nics.add(new Nic(nic.mac(), device, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDrop(), s.txBytes(),
                        s.txPackets(), s.txErrors(), s.txDrop()));
            } catch (LibvirtFailure e) {
                skipped("interface " + device, e);
            }
        }
        return nics;
    }

    private static void skipped(String what, LibvirtFailure e) {
        LOG.debugf("diagnostics without %s: %s", what, e.getMessage());
    }
}
