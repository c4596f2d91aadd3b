package dev.stratus.compute.api.service;

import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Events other services send about servers ({@code os-server-external-events}), answered per event as Nova does:
 * 200 for a server on a host, 404 for an unknown server, 422 for a server without a host, 400 for an event that
 * needs a tag and has none. The network events make compute-api read the servers' ports again (Nova refreshes
 * its network info cache); the other kinds (volumes, accelerators, bare-metal power) have no service here to
 * send them and nothing on the hosts to act on, so they are only acknowledged, as Nova's API does.
 */
@ApplicationScoped
public class ExternalEvents {

    private static final Logger LOG = Logger.getLogger(ExternalEvents.class);
    private static final Set<String> TAG_REQUIRED = Set.of("volume-extended", "power-update",
            "accelerator-request-bound");
    private static final Set<String> NETWORK_EVENTS = Set.of("network-changed", "network-vif-plugged",
            "network-vif-unplugged", "network-vif-deleted");

    /** One event of the request (status defaults to completed, tag may be null). */
    public record Event(String serverUuid, String name, String status, String tag) {
    }

    /** The events as answered (each with its status and code), and the response's status (200, or 207). */
    public record Outcome(List<Map<String, Object>> events, int status) {
    }

    private final InstanceRepository instances;
    private final ServerPorts ports;

    public ExternalEvents(InstanceRepository instances, ServerPorts ports) {
        this.instances = instances;
        this.ports = ports;
    }

    public Outcome accept(List<Event> events) {
        List<Map<String, Object>> answered = new ArrayList<>();
        Set<String> refresh = new LinkedHashSet<>();
        int status = 200;
        for (Event e : events) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", e.name());
            v.put("server_uuid", e.serverUuid());
            if (e.tag() != null) {
                v.put("tag", e.tag());
            }
            Optional<InstanceRow> instance = instances.find(e.serverUuid());
            int code;
            if (instance.isEmpty()) {
                code = 404;
            } else if (TAG_REQUIRED.contains(e.name()) && e.tag() == null) {
                code = 400;
            } else if (instance.get().host() == null) {
                code = 422;
            } else {
                code = 200;
                LOG.infof("Event %s:%s (%s) for server %s on %s", e.name(), e.tag(), e.status(), e.serverUuid(),
                        instance.get().host());
                if (NETWORK_EVENTS.contains(e.name())) {
                    refresh.add(e.serverUuid());
                }
            }
            v.put("status", code == 200 ? "completed" : "failed");
            v.put("code", code);
            answered.add(v);
            if (code != 200) {
                status = 207;
            }
        }
        if (!refresh.isEmpty()) {
            ports.refresh(refresh);
        }
        return new Outcome(answered, status);
    }
}
