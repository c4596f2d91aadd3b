package dev.stratus.common.compute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hypervisor measures of one running guest, with the names its counters have there, so that compute-api
 * can show both of Nova's formats: the libvirt driver's free-form one (before 2.48: {@code cpu0_time},
 * {@code vda_read}, {@code tap…_rx}, {@code memory-rss}, ...) and the standard one (from 2.48). A figure the
 * hypervisor does not give is null.
 *
 * @param state Nova's power state name ({@code running}, ...)
 * @param driver Nova's name of the virt driver ({@code libvirt})
 * @param hypervisor the virt type ({@code kvm}, {@code qemu}, ...)
 * @param hypervisorOs the host's operating system ({@code linux})
 * @param uptimeSeconds seconds since the server launched (Nova counts from its {@code launched_at})
 * @param configDrive whether the guest has a config drive
 */
public record GuestDiagnostics(String state, String driver, String hypervisor, String hypervisorOs,
        Long uptimeSeconds, boolean configDrive, Memory memory, List<Cpu> cpus, List<Disk> disks, List<Nic> nics) {

    public GuestDiagnostics {
        memory = memory == null ? new Memory(null, null, Map.of()) : memory;
        cpus = cpus == null ? List.of() : List.copyOf(cpus);
        disks = disks == null ? List.of() : List.copyOf(disks);
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    public GuestDiagnostics withUptime(Long seconds) {
        return new GuestDiagnostics(state, driver, hypervisor, hypervisorOs, seconds, configDrive, memory, cpus, disks,
                nics);
    }

    /**
     * @param maximumKib the memory the guest was given (libvirt's {@code maxMemory}), KiB
     * @param currentKib what it holds now (libvirt's current memory, after ballooning), KiB
     * @param stats the balloon's statistics by libvirt's names ({@code actual}, {@code rss}, {@code unused}, ...),
     *        in the order the hypervisor gave them
     */
    public record Memory(Long maximumKib, Long currentKib, Map<String, Long> stats) {

        public Memory {
            stats = stats == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stats));
        }
    }

    /** One vCPU: its number and the CPU time it used, in nanoseconds. */
    public record Cpu(int id, Long timeNs) {
    }

    /** One disk by its device name in the guest ({@code vda}); {@code errors} is -1 where QEMU keeps no count. */
    public record Disk(String device, Long readRequests, Long readBytes, Long writeRequests, Long writeBytes,
            Long errors) {
    }

    /**
     * One NIC: its MAC, its host device ({@code tap…}) and that device's counters as libvirt's
     * {@code interfaceStats} gives them. A NIC without a host device has no counters.
     */
    public record Nic(String macAddress, String device, Long rxOctets, Long rxPackets, Long rxErrors, Long rxDrop,
            Long txOctets, Long txPackets, Long txErrors, Long txDrop) {

        public static Nic unmeasured(String macAddress) {
            return new Nic(macAddress, null, null, null, null, null, null, null, null, null);
        }
    }
}
