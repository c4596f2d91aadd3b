package dev.stratus.compute.node.libvirt;

import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.domain.InstanceMetadata;
import dev.stratus.compute.node.libvirt.domain.XmlDocuments;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.w3c.dom.Element;

/**
 * What the instances' guests on this host are, read without the instances' locks, as nothing changes (a long
 * power-off of a guest does not hold an answer back): their power states, the list of them (a domain named
 * {@code instance-*} that carries the driver's metadata is an instance's, an operator's own domains are not), and
 * one guest's diagnostics ({@link LibvirtDiagnostics} says what is read).
 */
final class HostGuests {

    private static final Logger LOG = Logger.getLogger(HostGuests.class);

    private final LibvirtSettings settings;

    private final InstanceCalls calls;

    private final InstanceStorage storage;

    HostGuests(LibvirtSettings settings, InstanceCalls calls, InstanceStorage storage) {
        this.settings = settings;
        this.calls = calls;
        this.storage = storage;
    }

    /** The instance's power state; {@code NOSTATE} when it has no domain here or libvirt does not answer. */
    PowerState powerState(String instanceId) {
        if (!InstanceFiles.isSafeId(instanceId)) {
            return PowerState.NOSTATE;
        }
        try {
            Optional<GuestDomain> domain = calls.find(instanceId);
            return domain.isEmpty() ? PowerState.NOSTATE : powerState(domain.get());
        } catch (LibvirtFailure | VirtException e) {
            LOG.debugf("no power state for %s: %s", instanceId, e.getMessage());
            return PowerState.NOSTATE;
        }
    }

    private static PowerState powerState(GuestDomain domain) throws LibvirtFailure {
        GuestState state = domain.state();
        return PowerStates.of(state, state == GuestState.SHUTOFF && domain.hasManagedSave());
    }

    /**
     * The instances' guests by instance id.
     *
     * @throws IllegalStateException when libvirt cannot be reached: an empty answer would read as "every
     *         guest is gone"
     */
    Map<String, PowerState> list() {
        try {
            Map<String, PowerState> guests = new LinkedHashMap<>();
            for (GuestDomain domain : calls.host().listAll()) {
                try {
                    if (!domain.name().startsWith(DomainBuilder.NAME_PREFIX)) {
                        continue;
                    }
                    InstanceMetadata metadata = metadataOf(domain.xml());
                    if (metadata != null) {
                        guests.put(metadata.instanceId(), powerState(domain));
                    }
                } catch (LibvirtFailure e) {
                    if (e.reason() != LibvirtFailure.Reason.NO_DOMAIN) {
                        throw e;
                    }
                }
            }
            return guests;
        } catch (LibvirtFailure | VirtException e) {
            throw new IllegalStateException("libvirt at " + settings.uri() + " cannot list the guests: "
                    + e.getMessage(), e);
        }
    }

    GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        String id = InstanceCalls.requireId(instanceId);
        try {
            GuestDomain domain = calls.find(id)
                    .orElseThrow(() -> new VirtException("The server does not exist on this host"));
            return LibvirtDiagnostics.read(domain, storage.files(id));
        } catch (LibvirtFailure e) {
            if (e.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
                throw new VirtException("The server does not exist on this host", e);
            }
            throw VirtFailures.of("The server's diagnostics could not be read", e);
        }
    }

    private static InstanceMetadata metadataOf(String xml) {
        Element metadata = XmlDocuments.child(XmlDocuments.parseRoot(xml, "domain"), "metadata");
        return metadata == null ? null : DomainXmlParser.metadata(metadata);
    }
}
