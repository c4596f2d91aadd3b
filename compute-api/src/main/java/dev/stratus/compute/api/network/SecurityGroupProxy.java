package dev.stratus.compute.api.network;

import static dev.stratus.compute.api.network.NetworkServiceCalls.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Nova's deprecated security group proxy ({@code os-security-groups}, {@code os-security-group-rules} and
 * {@code /servers/{id}/os-security-groups}) over network-service, with the caller's own token so that
 * network-service's visibility and quota rules decide, and network-service's errors in Nova's statuses (as
 * Nova's {@code nova.network.security_group_api} maps Neutron's).
 */
@ApplicationScoped
public class SecurityGroupProxy {

    private final Optional<NetworkServiceClient> client;

    public SecurityGroupProxy(Optional<NetworkServiceClient> client) {
        this.client = client;
    }

    /**
     * The caller project's groups, or with {@code allTenants} (an admin's {@code all_tenants}) every project's;
     * {@code offset} and {@code limit} cut the list before it is sorted, as Nova's {@code common.limited} does.
     */
    public List<Map<String, Object>> list(AuthContext caller, boolean allTenants, int offset, int limit) {
        Map<String, List<String>> query = allTenants ? Map.of() : Map.of("tenant_id", List.of(caller.projectId()));
        List<JsonNode> groups = proxy(() -> neutron().list(caller.token(), "security-groups", query), 409);
        List<JsonNode> page = groups.subList(Math.min(offset, groups.size()),
                (int) Math.min(groups.size(), (long) offset + limit));
        Function<String, Optional<Map<String, Object>>> sources = sources(caller, groups);
        List<Map<String, Object>> shown = new ArrayList<>();
        page.forEach(g -> shown.add(NovaSecurityGroupView.of(g, sources)));
        shown.sort(NovaSecurityGroupView.LISTING_ORDER);
        return shown;
    }

    public Map<String, Object> show(AuthContext caller, String id) {
        JsonNode group = find(caller, id);
        return NovaSecurityGroupView.of(group, sources(caller, List.of(group)));
    }

    /** A 403 when network-service refuses it as a conflict (over quota, or a second {@code default}). */
    public Map<String, Object> create(AuthContext caller, String name, String description) {
        JsonNode group = proxy(() -> neutron().post(caller.token(), "security-groups", body(name, description)), 403)
                .path("security_group");
        return NovaSecurityGroupView.of(group, sources(caller, List.of(group)));
    }

    public Map<String, Object> update(AuthContext caller, String id, String name, String description) {
        JsonNode current = find(caller, id);
        JsonNode group = proxy(() -> neutron().put(caller.token(),
                "security-groups/" + NetworkServiceClient.encode(current.path("id").asText()),
                body(name, description)), 400).path("security_group");
        return NovaSecurityGroupView.of(group, sources(caller, List.of(group)));
    }

    /** A 400 for a group in use by a port, or the project's {@code default} (both a 409 in network-service). */
    public void delete(AuthContext caller, String id) {
        JsonNode group = find(caller, id);
        proxy(() -> {
            neutron().delete(caller.token(), "security-groups/" + NetworkServiceClient.encode(group.path("id").asText()));
            return null;
        }, 400);
    }

    /**
     * The groups on the server's ports, as Nova reads them from Neutron. A server without ports shows the groups
     * recorded on it (by name, in its project), as its own view does: they are what its ports will get.
     */
    public List<Map<String, Object>> ofServer(AuthContext caller, String serverId, String projectId,
            List<String> recorded) {
        List<JsonNode> ports = proxy(() -> neutron().list(caller.token(), "ports",
                Map.of("device_id", List.of(serverId))), 409);
        List<String> ids = new ArrayList<>();
        ports.forEach(p -> p.path("security_groups").forEach(g -> ids.add(g.asText())));
        List<JsonNode> groups;
        if (ports.isEmpty()) {
            List<JsonNode> owned = recorded.isEmpty() ? List.of() : proxy(() -> neutron().list(caller.token(),
                    "security-groups", Map.of("tenant_id", List.of(projectId))), 409);
            groups = owned;
            for (String name : recorded) {
                owned.stream().filter(g -> name.equals(g.path("name").asText()) || name.equals(g.path("id").asText()))
                        .findFirst().ifPresent(g -> ids.add(g.path("id").asText()));
            }
        } else {
            groups = ids.isEmpty() ? List.of() : proxy(() -> neutron().list(caller.token(), "security-groups",
                    Map.of("id", List.copyOf(new LinkedHashSet<>(ids)))), 409);
        }
        Function<String, Optional<Map<String, Object>>> sources = sources(caller, groups);
        Map<String, JsonNode> byId = new HashMap<>();
        groups.forEach(g -> byId.put(g.path("id").asText(), g));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (String id : ids) {
            JsonNode group = byId.get(id);
            if (group != null) {
                shown.add(NovaSecurityGroupView.of(group, sources));
            }
        }
        shown.sort(NovaSecurityGroupView.LISTING_ORDER);
        return shown;
    }

    /** The network-service group, 404 with network-service's words when the caller cannot see it. */
    JsonNode find(AuthContext caller, String id) {
        return proxy(() -> neutron().get(caller.token(), "security-groups/" + NetworkServiceClient.encode(id)), 409)
                .path("security_group");
    }

    /**
     * Looks up the source groups of rules (name and owner), once each: the groups at hand first, then
     * network-service; a group that is gone (or hidden from the caller) is empty.
     */
    Function<String, Optional<Map<String, Object>>> sources(AuthContext caller, List<JsonNode> known) {
        Map<String, Optional<Map<String, Object>>> cache = new HashMap<>();
        known.forEach(g -> cache.put(g.path("id").asText(), Optional.of(NovaSecurityGroupView.source(g))));
        return id -> cache.computeIfAbsent(id, missing -> {
            try {
                return Optional.of(NovaSecurityGroupView.source(neutron().get(caller.token(),
                        "security-groups/" + NetworkServiceClient.encode(missing)).path("security_group")));
            } catch (NetworkServiceException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                throw NetworkServiceCalls.proxied(e, 409);
            }
        });
    }

    NetworkServiceClient neutron() {
        return client.orElseThrow(() -> ApiException.notImplemented("Security groups are kept by the network service,"
                + " which this cloud does not run (stratus.compute.network-url is not set)."));
    }

    private static ObjectNode body(String name, String description) {
        ObjectNode group = JsonNodeFactory.instance.objectNode();
        group.put("name", name);
        group.put("description", description);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("security_group", group);
        return body;
    }
}
