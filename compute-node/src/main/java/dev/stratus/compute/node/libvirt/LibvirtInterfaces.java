package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.domain.NetInterface;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import dev.stratus.compute.node.virt.InterfaceNotSupported;
import java.util.Optional;

/**
 * Hot-plugging NICs into libvirt domains, as Nova's libvirt driver does: the {@code <interface>} a boot NIC gets
 * ({@link DomainBuilder}), added to a running or paused domain and its definition (LIVE|CONFIG) or to a stopped
 * domain's definition only (CONFIG); a domain saved by suspend, or in another passing state, is refused. An
 * unplug sends the domain's own element for the MAC. Neither waits for the guest to acknowledge the device.
 */
final class LibvirtInterfaces {

    private final DomainBuilder domains;

    LibvirtInterfaces(DomainBuilder domains) {
        this.domains = domains;
    }

    void attach(GuestDomain domain, GuestNic nic) throws LibvirtFailure, InterfaceNotSupported {
        boolean live = live(domain, "attach");
        if (find(domain, nic.macAddress()).isPresent()) {
            return;
        }
        domain.attachDevice(DomainXmlWriter.interfaceXml(domains.nic(nic)), live);
    }

    void detach(GuestDomain domain, String macAddress) throws LibvirtFailure, InterfaceNotSupported {
        boolean live = live(domain, "detach");
        Optional<NetInterface> nic = find(domain, macAddress);
        if (nic.isPresent()) {
            domain.detachDevice(DomainXmlWriter.interfaceXml(nic.get()), live);
        }
    }

    /** Whether the running domain changes too; refuses the states a NIC cannot be changed in. */
    private static boolean live(GuestDomain domain, String verb) throws LibvirtFailure, InterfaceNotSupported {
        GuestState state = domain.state();
        if (state == GuestState.SHUTOFF && !domain.hasManagedSave()) {
            return false;
        }
        if (state == GuestState.RUNNING || state == GuestState.BLOCKED || state == GuestState.PAUSED) {
            return true;
        }
        throw new InterfaceNotSupported("Cannot " + verb + " an interface while the guest is "
                + (state == GuestState.SHUTOFF ? "suspended (saved)" : state.name().toLowerCase()));
    }

    private static Optional<NetInterface> find(GuestDomain domain, String macAddress) throws LibvirtFailure {
        return DomainXmlParser.parse(domain.xml()).devices().interfaces().stream()
                .filter(n -> n.mac() != null && n.mac().equalsIgnoreCase(macAddress)).findFirst();
    }
}
