package dev.stratus.compute.node.fake;

import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.compute.GuestDiagnostics.Cpu;
import dev.stratus.common.compute.GuestDiagnostics.Disk;
import dev.stratus.common.compute.GuestDiagnostics.Memory;
import dev.stratus.common.compute.GuestDiagnostics.Nic;
import dev.stratus.compute.node.network.PlumbingNames;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import dev.stratus.compute.node.virt.PowerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a fake guest shows, as a small idle Linux guest on a libvirt host would: one virtio disk
 * ({@code vda}), a vCPU and memory per its flavor, and per NIC its host tap named as the libvirt driver names it.
 * Counters start at what a boot costs and grow with the time the guest's process has run, so two readings are
 * consistent and later ones larger. QEMU keeps no disk error count: {@code errors} is -1, as libvirt reports it.
 * The driver is named {@code libvirt}, as Nova's fake driver names it (the API's enum has no fake).
 */
final class FakeDiagnostics {

    static final String DRIVER = "libvirt";
    static final String HYPERVISOR = "fake";
    static final String HYPERVISOR_OS = "linux";

    private FakeDiagnostics() {
    }

    static GuestDiagnostics of(FakeGuestHardware hardware, PowerState state, Duration running) {
        long seconds = Math.max(0, running.toSeconds());
        return new GuestDiagnostics(state.novaName(), DRIVER, HYPERVISOR, HYPERVISOR_OS, null, hardware.configDrive(),
                memory(hardware.memoryMb()), cpus(hardware.vcpus(), Math.max(0, running.toNanos())),
                List.of(disk(seconds)), nics(hardware.nics(), seconds));
    }

    /** All of the flavor's memory given and held; the guest's process has touched a part of it. */
    private static Memory memory(int memoryMb) {
        long kib = memoryMb * 1024L;
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("actual", kib);
        stats.put("rss", Math.min(kib, 49_152 + kib / 8));
        return new Memory(kib, kib, stats);
    }

    /** The boot ran on the first vCPU; afterwards every vCPU is about 1% busy. */
    private static List<Cpu> cpus(int vcpus, long runningNanos) {
        List<Cpu> cpus = new ArrayList<>();
        for (int id = 0; id < vcpus; id++) {
            cpus.add(new Cpu(id, (id == 0 ? 1_200_000_000L : 150_000_000L) + runningNanos / 100));
        }
        return cpus;
    }

    /** The boot read some 15 MB in 16 KiB requests; the guest's logs write a 4 KiB block every 5 s. */
    private static Disk disk(long seconds) {
        long reads = 950 + seconds / 60;
        long writes = 120 + seconds / 5;
        return new Disk("vda", reads, reads * 16_384, writes, writes * 4_096, -1L);
    }

    /** DHCP and ARP at boot, then a little chatter: about one packet in every 2 s, one out every 4 s. */
    private static List<Nic> nics(List<GuestNic> nics, long seconds) {
        List<Nic> measured = new ArrayList<>();
        for (int i = 0; i < nics.size(); i++) {
            GuestNic nic = nics.get(i);
            long rxPackets = 12 + seconds / 2;
            long txPackets = 8 + seconds / 4;
            measured.add(new Nic(nic.macAddress(), tap(nic, i), rxPackets * 90, rxPackets, 0L, 0L, txPackets * 98,
                    txPackets, 0L, 0L));
        }
        return measured;
    }

    /** A port's tap is named as the host plumbing names it; a NIC without a port gets libvirt's {@code vnetN}. */
    private static String tap(GuestNic nic, int index) {
        return nic.portId() == null || nic.portId().isBlank() ? "vnet" + index : PlumbingNames.tapName(nic.portId());
    }
}
