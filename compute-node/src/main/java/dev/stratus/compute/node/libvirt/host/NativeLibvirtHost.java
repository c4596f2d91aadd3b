package dev.stratus.compute.node.libvirt.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;

/** {@link LibvirtHost} over one libvirt-java {@link Connect}, shared by all threads. */
final class NativeLibvirtHost implements LibvirtHost {

    private static final Logger LOG = Logger.getLogger(NativeLibvirtHost.class);

    private final Connect connect;

    private final List<Consumer<GuestLifecycleChange>> listeners = new CopyOnWriteArrayList<>();

    /** Listeners run here, not on libvirt's event loop thread, so they may call back into libvirt. */
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "libvirt-lifecycle-events");
        thread.setDaemon(true);
        return thread;
    });

    private LifecycleListener registered;

    NativeLibvirtHost(Connect connect) {
        this.connect = connect;
    }

    @Override
    public GuestDomain define(String domainXml) throws LibvirtFailure {
        try {
            return new NativeGuestDomain(connect.domainDefineXML(domainXml));
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("defining the domain failed", e);
        }
    }

    @Override
    public Optional<GuestDomain> lookupByUuid(String uuid) throws LibvirtFailure {
        try {
            return Optional.ofNullable(connect.domainLookupByUUIDString(uuid)).map(NativeGuestDomain::new);
        } catch (LibvirtException e) {
            return notFound("looking up domain " + uuid, e);
        }
    }

    @Override
    public Optional<GuestDomain> lookupByName(String name) throws LibvirtFailure {
        try {
            return Optional.ofNullable(connect.domainLookupByName(name)).map(NativeGuestDomain::new);
        } catch (LibvirtException e) {
            return notFound("looking up domain " + name, e);
        }
    }

    private static Optional<GuestDomain> notFound(String what, LibvirtException e) throws LibvirtFailure {
        LibvirtFailure failure = LibvirtErrors.translate(what, e);
        if (failure.reason() == LibvirtFailure.Reason.NO_DOMAIN) {
            return Optional.empty();
        }
        throw failure;
    }

    @Override
    public List<GuestDomain> listAll() throws LibvirtFailure {
        try {
            List<GuestDomain> all = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                all.add(new NativeGuestDomain(domain));
            }
            return all;
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("listing domains failed", e);
        }
    }

    @Override
    public String capabilitiesXml() throws LibvirtFailure {
        try {
            return connect.getCapabilities();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("reading the host capabilities failed", e);
        }
    }

    @Override
    public HostNodeInfo nodeInfo() throws LibvirtFailure {
        try {
            NodeInfo info = connect.nodeInfo();
            return new HostNodeInfo(info.model, info.memory, info.cpus, info.mhz, info.sockets, info.cores,
                    info.threads);
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("reading the node information failed", e);
        }
    }

    @Override
    public String hostname() throws LibvirtFailure {
        try {
            return connect.getHostName();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("reading the host name failed", e);
        }
    }

    @Override
    public long hypervisorVersion() throws LibvirtFailure {
        try {
            return connect.getVersion();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("reading the hypervisor version failed", e);
        }
    }

    @Override
    public long libvirtVersion() throws LibvirtFailure {
        try {
            return connect.getLibVersion();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate("reading the libvirt version failed", e);
        }
    }

    @Override
    public boolean isAlive() {
        try {
            return connect.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    @Override
    public synchronized void onLifecycleChange(Consumer<GuestLifecycleChange> listener) throws LibvirtFailure {
        listeners.add(listener);
        if (registered != null) {
            return;
        }
        LifecycleListener bridge = this::lifecycleChanged;
        try {
            connect.addLifecycleListener(bridge);
            registered = bridge;
        } catch (LibvirtException e) {
            listeners.remove(listener);
            throw LibvirtErrors.translate("registering for lifecycle events failed", e);
        }
    }

    private int lifecycleChanged(Domain domain, DomainEvent event) {
        try {
            // name and UUID are cached in the domain handle: no round trip from the event loop thread
            GuestLifecycleChange change = new GuestLifecycleChange(domain.getName(), domain.getUUIDString(),
                    type(event), event.getDetail() == null ? null : event.getDetail().toString());
            dispatcher.execute(() -> listeners.forEach(l -> deliver(l, change)));
        } catch (LibvirtException | RuntimeException e) {
            LOG.warnf(e, "dropped a libvirt lifecycle event %s", event);
        }
        return 0;
    }

    private static void deliver(Consumer<GuestLifecycleChange> listener, GuestLifecycleChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            LOG.warnf(e, "a lifecycle listener failed on %s", change);
        }
    }

    private static GuestLifecycleChange.Type type(DomainEvent event) {
        if (event.getType() == null) {
            return GuestLifecycleChange.Type.UNKNOWN;
        }
        try {
            return GuestLifecycleChange.Type.valueOf(event.getType().name());
        } catch (IllegalArgumentException e) {
            return GuestLifecycleChange.Type.UNKNOWN;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (registered != null) {
                connect.removeLifecycleListener(registered);
                registered = null;
            }
        } catch (LibvirtException e) {
            LOG.debugf("removing the lifecycle listener failed: %s", e.getMessage());
        }
        try {
            connect.close();
        } catch (LibvirtException e) {
            LOG.debugf("closing the libvirt connection failed: %s", e.getMessage());
        }
        dispatcher.shutdown();
    }
}
