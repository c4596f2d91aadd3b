package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.SerialPortXml;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.GuestStats;
import dev.stratus.compute.node.libvirt.host.HostNodeInfo;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import dev.stratus.compute.node.virt.VirtException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The host as the driver sees it with serial consoles on: every definition of a guest (spawn, rebuild, unshelve,
 * resize and its revert, rescue and unrescue) goes to libvirt with its first serial port on a valid TCP port, every
 * start of a stopped guest finds its port still free (or the guest is defined again on another), and an undefined
 * guest gives its port back ({@link GuestSerialPorts}). The rest is libvirt's, unchanged.
 */
final class SerialConsoleHost implements LibvirtHost {

    private final LibvirtHost host;
    private final GuestSerialPorts ports;

    SerialConsoleHost(LibvirtHost host, GuestSerialPorts ports) {
        this.host = host;
        this.ports = ports;
    }

    @Override
    public GuestDomain define(String domainXml) throws LibvirtFailure {
        String name = SerialPortXml.name(domainXml);
        boolean held = name != null && ports.held(name).isPresent();
        try {
            return new Domain(host.define(ports.definable(host, domainXml)));
        } catch (VirtException e) {
            throw new LibvirtFailure(LibvirtFailure.Reason.OTHER, e.getMessage());
        } catch (LibvirtFailure e) {
            if (name != null && !held) {
                ports.released(name);
            }
            throw e;
        }
    }

    @Override
    public Optional<GuestDomain> lookupByUuid(String uuid) throws LibvirtFailure {
        return host.lookupByUuid(uuid).map(Domain::new);
    }

    @Override
    public Optional<GuestDomain> lookupByName(String name) throws LibvirtFailure {
        return host.lookupByName(name).map(Domain::new);
    }

    @Override
    public List<GuestDomain> listAll() throws LibvirtFailure {
        return host.listAll().stream().map(d -> (GuestDomain) new Domain(d)).toList();
    }

    @Override
    public String capabilitiesXml() throws LibvirtFailure {
        return host.capabilitiesXml();
    }

    @Override
    public HostNodeInfo nodeInfo() throws LibvirtFailure {
        return host.nodeInfo();
    }

    @Override
    public String hostname() throws LibvirtFailure {
        return host.hostname();
    }

    @Override
    public long hypervisorVersion() throws LibvirtFailure {
        return host.hypervisorVersion();
    }

    @Override
    public long libvirtVersion() throws LibvirtFailure {
        return host.libvirtVersion();
    }

    @Override
    public boolean isAlive() {
        return host.isAlive();
    }

    @Override
    public void onLifecycleChange(Consumer<GuestLifecycleChange> listener) throws LibvirtFailure {
        host.onLifecycleChange(listener);
    }

    @Override
    public void close() {
        host.close();
    }

    /** A domain whose start checks its serial port and whose undefinition gives the port back. */
    private final class Domain implements GuestDomain {

        private final GuestDomain domain;

        Domain(GuestDomain domain) {
            this.domain = domain;
        }

        @Override
        public void create() throws LibvirtFailure {
            try {
                ports.beforeStart(host, domain);
            } catch (VirtException e) {
                throw new LibvirtFailure(LibvirtFailure.Reason.OTHER, e.getMessage());
            }
            domain.create();
        }

        @Override
        public void undefine() throws LibvirtFailure {
            String name = domain.name();
            domain.undefine();
            ports.released(name);
        }

        @Override
        public String uuid() throws LibvirtFailure {
            return domain.uuid();
        }

        @Override
        public String name() throws LibvirtFailure {
            return domain.name();
        }

        @Override
        public String xml() throws LibvirtFailure {
            return domain.xml();
        }

        @Override
        public void shutdown() throws LibvirtFailure {
            domain.shutdown();
        }

        @Override
        public void destroy() throws LibvirtFailure {
            domain.destroy();
        }

        @Override
        public void reboot() throws LibvirtFailure {
            domain.reboot();
        }

        @Override
        public void pause() throws LibvirtFailure {
            domain.pause();
        }

        @Override
        public void unpause() throws LibvirtFailure {
            domain.unpause();
        }

        @Override
        public void managedSave() throws LibvirtFailure {
            domain.managedSave();
        }

        @Override
        public boolean hasManagedSave() throws LibvirtFailure {
            return domain.hasManagedSave();
        }

        @Override
        public void discardManagedSave() throws LibvirtFailure {
            domain.discardManagedSave();
        }

        @Override
        public GuestState state() throws LibvirtFailure {
            return domain.state();
        }

        @Override
        public void attachDevice(String deviceXml, boolean live) throws LibvirtFailure {
            domain.attachDevice(deviceXml, live);
        }

        @Override
        public void detachDevice(String deviceXml, boolean live) throws LibvirtFailure {
            domain.detachDevice(deviceXml, live);
        }

        @Override
        public GuestStats.Info info() throws LibvirtFailure {
            return domain.info();
        }

        @Override
        public List<GuestStats.Vcpu> vcpus() throws LibvirtFailure {
            return domain.vcpus();
        }

        @Override
        public GuestStats.Block blockStats(String device) throws LibvirtFailure {
            return domain.blockStats(device);
        }

        @Override
        public GuestStats.Interface interfaceStats(String device) throws LibvirtFailure {
            return domain.interfaceStats(device);
        }

        @Override
        public Map<String, Long> memoryStats() throws LibvirtFailure {
            return domain.memoryStats();
        }
    }
}
