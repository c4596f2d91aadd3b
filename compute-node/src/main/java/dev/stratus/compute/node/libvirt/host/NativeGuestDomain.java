package dev.stratus.compute.node.libvirt.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.libvirt.VcpuInfo;

/** {@link GuestDomain} over a libvirt-java {@link Domain} handle. */
final class NativeGuestDomain implements GuestDomain {

    /** {@code VIR_DOMAIN_UNDEFINE_NVRAM}, which libvirt-java 0.5.4 does not name. */
    private static final int UNDEFINE_NVRAM = 4;

    /**
     * {@code virDomainMemoryStatTags} by number, named as libvirt's Python binding names them (Nova shows them as
     * {@code memory-<name>}); libvirt 9 knows 13.
     */
    private static final List<String> MEMORY_STAT_NAMES = List.of("swap_in", "swap_out", "major_fault",
            "minor_fault", "unused", "available", "actual", "rss", "usable", "last_update", "disk_caches",
            "hugetlb_pgalloc", "hugetlb_pgfail");

    private final Domain domain;

    NativeGuestDomain(Domain domain) {
        this.domain = domain;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws LibvirtException;
    }

    private <T> T call(String what, Call<T> call) throws LibvirtFailure {
        try {
            return call.run();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(what + " " + safeName(), e);
        }
    }

    private String safeName() {
        try {
            return domain.getName();
        } catch (LibvirtException e) {
            return "(unknown domain)";
        }
    }

    @Override
    public String uuid() throws LibvirtFailure {
        return call("reading the UUID of", domain::getUUIDString);
    }

    @Override
    public String name() throws LibvirtFailure {
        return call("reading the name of", domain::getName);
    }

    @Override
    public String xml() throws LibvirtFailure {
        return call("reading the XML of", () -> domain.getXMLDesc(0));
    }

    @Override
    public void create() throws LibvirtFailure {
        call("starting", domain::create);
    }

    @Override
    public void shutdown() throws LibvirtFailure {
        call("shutting down", () -> {
            domain.shutdown();
            return null;
        });
    }

    @Override
    public void destroy() throws LibvirtFailure {
        call("destroying", () -> {
            domain.destroy();
            return null;
        });
    }

    @Override
    public void reboot() throws LibvirtFailure {
        call("rebooting", () -> {
            domain.reboot(Domain.RebootFlags.DEFAULT);
            return null;
        });
    }

    @Override
    public void pause() throws LibvirtFailure {
        call("pausing", () -> {
            domain.suspend();
            return null;
        });
    }

    @Override
    public void unpause() throws LibvirtFailure {
        call("unpausing", () -> {
            domain.resume();
            return null;
        });
    }

    @Override
    public void attachDevice(String deviceXml, boolean live) throws LibvirtFailure {
        call("attaching a device to", () -> {
            domain.attachDeviceFlags(deviceXml, flags(live));
            return null;
        });
    }

    @Override
    public void detachDevice(String deviceXml, boolean live) throws LibvirtFailure {
        call("detaching a device from", () -> {
            domain.detachDeviceFlags(deviceXml, flags(live));
            return null;
        });
    }

    private static int flags(boolean live) {
        return Domain.DeviceModifyFlags.CONFIG | (live ? Domain.DeviceModifyFlags.LIVE : 0);
    }

    @Override
    public void managedSave() throws LibvirtFailure {
        call("saving", domain::managedSave);
    }

    @Override
    public boolean hasManagedSave() throws LibvirtFailure {
        return call("checking the managed save of", domain::hasManagedSaveImage) == 1;
    }

    @Override
    public void discardManagedSave() throws LibvirtFailure {
        call("removing the managed save of", domain::managedSaveRemove);
    }

    @Override
    public GuestState state() throws LibvirtFailure {
        return stateOf(call("reading the state of", domain::getInfo));
    }

    private static GuestState stateOf(DomainInfo info) {
        if (info.state == null) {
            return GuestState.NOSTATE;
        }
        return switch (info.state) {
            case VIR_DOMAIN_RUNNING -> GuestState.RUNNING;
            case VIR_DOMAIN_BLOCKED -> GuestState.BLOCKED;
            case VIR_DOMAIN_PAUSED -> GuestState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> GuestState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> GuestState.SHUTOFF;
            case VIR_DOMAIN_CRASHED -> GuestState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED -> GuestState.PMSUSPENDED;
            default -> GuestState.NOSTATE;
        };
    }

    @Override
    public void undefine() throws LibvirtFailure {
        int flags = Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA;
        call("undefining", () -> {
            try {
                domain.undefine(flags | UNDEFINE_NVRAM);
            } catch (LibvirtException e) {
                // Drivers without NVRAM support refuse the flag ("unsupported flags (0x4)"): nothing to remove.
                if (e.getError() == null || e.getError().getCode() != Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
                    throw e;
                }
                domain.undefine(flags);
            }
            return null;
        });
    }

    @Override
    public GuestStats.Info info() throws LibvirtFailure {
        DomainInfo info = call("reading the information of", domain::getInfo);
        return new GuestStats.Info(stateOf(info), info.maxMem, info.memory, info.nrVirtCpu, info.cpuTime);
    }

    @Override
    public List<GuestStats.Vcpu> vcpus() throws LibvirtFailure {
        VcpuInfo[] vcpus = call("reading the vCPUs of", domain::getVcpusInfo);
        List<GuestStats.Vcpu> result = new ArrayList<>();
        for (VcpuInfo vcpu : vcpus) {
            result.add(new GuestStats.Vcpu(vcpu.number, vcpu.cpuTime));
        }
        return result;
    }

    @Override
    public GuestStats.Block blockStats(String device) throws LibvirtFailure {
        DomainBlockStats stats = call("reading the statistics of disk " + device + " of",
                () -> domain.blockStats(device));
        return new GuestStats.Block(stats.rd_req, stats.rd_bytes, stats.wr_req, stats.wr_bytes, stats.errs);
    }

    @Override
    public GuestStats.Interface interfaceStats(String device) throws LibvirtFailure {
        DomainInterfaceStats stats = call("reading the statistics of interface " + device + " of",
                () -> domain.interfaceStats(device));
        return new GuestStats.Interface(stats.rx_bytes, stats.rx_packets, stats.rx_errs, stats.rx_drop,
                stats.tx_bytes, stats.tx_packets, stats.tx_errs, stats.tx_drop);
    }

    @Override
    public Map<String, Long> memoryStats() throws LibvirtFailure {
        MemoryStatistic[] stats = call("reading the memory statistics of",
                () -> domain.memoryStats(MEMORY_STAT_NAMES.size()));
        Map<String, Long> named = new LinkedHashMap<>();
        for (MemoryStatistic stat : stats) {
            if (stat.getTag() >= 0 && stat.getTag() < MEMORY_STAT_NAMES.size()) {
                named.put(MEMORY_STAT_NAMES.get(stat.getTag()), stat.getValue());
            }
        }
        return named;
    }
}
