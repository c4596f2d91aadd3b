package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The node's lifecycle listeners: libvirt's lifecycle changes of the instances' domains, as power states, handed
 * to each of them; the changes of an operator's own domains are left out, and a failing listener stops no other.
 */
final class LifecycleListeners {

    private static final Logger LOG = Logger.getLogger(LifecycleListeners.class);

    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
    }

    void changed(GuestLifecycleChange change) {
        String name = change.domainName();
        if (name == null || !name.startsWith(DomainBuilder.NAME_PREFIX)) {
            return;
        }
        PowerState state = PowerStates.of(change);
        if (state == null) {
            return;
        }
        LifecycleEvent event = new LifecycleEvent(name.substring(DomainBuilder.NAME_PREFIX.length()), state);
        for (Consumer<LifecycleEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a lifecycle listener failed on %s", event);
            }
        }
    }
}
