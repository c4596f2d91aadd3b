package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.Page;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceActionRepository.ActionRow;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.ServerQuery;
import dev.stratus.compute.api.view.InstanceActionView;
import dev.stratus.compute.api.view.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2.1/servers/{id}/os-instance-actions[/{request_id}]}; deleted servers' actions stay readable. */
@Path("/v2.1/servers/{id}/os-instance-actions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InstanceActionsResource {

    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;

    public InstanceActionsResource(InstanceRepository instances, InstanceActionRepository actions, Policy policy,
            RequestedMicroversion version, ApiSettings api) {
        this.instances = instances;
        this.actions = actions;
        this.policy = policy;
        this.version = version;
        this.api = api;
    }

    private InstanceRow instance(AuthContext caller, String id, String rule) {
        InstanceRow row = instances.find(id).orElseThrow(() -> ServerLookup.notFound(id));
        boolean visible = ComputeRules.isAdmin(caller) || row.projectId().equals(caller.projectId());
        // deleted instances keep their history from 2.21
        if (!visible || (row.isDeleted() && !version.atLeast("2.21"))) {
            throw ServerLookup.notFound(id);
        }
        policy.enforce(rule, ComputeRules.readerOf(row.projectId()));
        return row;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id, @Context UriInfo uri) {
        AuthContext caller = policy.caller();
        InstanceRow row = instance(caller, id, "os_compute_api:os-instance-actions:list");
        ApiVersion v = version.get();
        var q = uri.getQueryParameters();
        boolean paged = v.atLeast("2.58");
        PageRequest page = paged ? PageRequest.of(q.getFirst("limit"), q.getFirst("marker"), api.maxPageSize())
                : new PageRequest(Integer.MAX_VALUE - 1, null);
        ActionRow marker = null;
        if (page.marker() != null) {
            marker = actions.find(id, page.marker()).orElseThrow(() -> ApiException.badRequest("Marker "
                    + page.marker() + " could not be found."));
        }
        var since = paged && q.getFirst("changes-since") != null ? ServerQuery.time("changes-since",
                q.getFirst("changes-since")) : null;
        var before = v.atLeast("2.66") && q.getFirst("changes-before") != null ? ServerQuery.time("changes-before",
                q.getFirst("changes-before")) : null;
        Page<ActionRow> rows = Page.fromOverfetch(actions.list(id, marker, since, before, page.limit()),
                page.limit());
        InstanceActionView.Context ctx = new InstanceActionView.Context(ComputeRules.isAdmin(caller),
                ServerView.hostId(row));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instanceActions", rows.items().stream().map(a -> InstanceActionView.action(a, ctx, v)).toList());
        if (paged) {
            List<Link> links = PageLinks.of(rows, ActionRow::requestId, uri, api.publicUrl().orElse(null));
            if (!links.isEmpty()) {
                body.put("links", links);
            }
        }
        return body;
    }

    @GET
    @Path("{requestId}")
    public Map<String, Object> show(@PathParam("id") String id, @PathParam("requestId") String requestId) {
        AuthContext caller = policy.caller();
        InstanceRow row = instance(caller, id, "os_compute_api:os-instance-actions:show");
        ApiVersion v = version.get();
        ActionRow action = actions.find(id, requestId).orElseThrow(() -> ApiException.notFound(
                "Action for request_id " + requestId + " on instance " + id + " not found"));
        boolean admin = ComputeRules.isAdmin(caller);
        InstanceActionView.Context ctx = new InstanceActionView.Context(admin, ServerView.hostId(row));
        Map<String, Object> body = new LinkedHashMap<>(InstanceActionView.action(action, ctx, v));
        if (InstanceActionView.eventsVisible(admin, v)) {
            body.put("events", actions.events(action.id()).stream().map(e -> InstanceActionView.event(e, ctx, v))
                    .toList());
        }
        return Map.of("instanceAction", body);
    }
}
