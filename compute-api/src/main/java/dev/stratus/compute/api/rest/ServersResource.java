package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.Page;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestIdFilter;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.common.messaging.RequestIds;
import dev.stratus.compute.api.persistence.InstanceDetails;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerCreateRequest;
import dev.stratus.compute.api.service.ServerCreator;
import dev.stratus.compute.api.service.ServerDeleter;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.ServerQuery;
import dev.stratus.compute.api.service.ServerUpdater;
import dev.stratus.compute.api.view.Links;
import dev.stratus.compute.api.view.ServerView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.1/servers}: create, list, show, update, delete and the actions. Each per-server collection
 * ({@code /v2.1/servers/{id}/metadata}, {@code tags}, {@code ips}, ...) is a resource of its own.
 */
@Path("/v2.1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServersResource {

    private final ServerCreator creator;
    private final ServerQuery query;
    private final ServerLookup lookup;
    private final ServerDeleter deleter;
    private final ServerUpdater updater;
    private final InstanceRepository instances;
    private final ServerViewContexts contexts;
    private final Policy policy;
    private final ApiSettings api;
    private final RequestedMicroversion version;
    private final ServerActionsResource actions;

    public ServersResource(ServerCreator creator, ServerQuery query, ServerLookup lookup, ServerDeleter deleter,
            ServerUpdater updater, InstanceRepository instances, ServerViewContexts contexts, Policy policy,
            ApiSettings api, RequestedMicroversion version, ServerActionsResource actions) {
        this.creator = creator;
        this.query = query;
        this.lookup = lookup;
        this.deleter = deleter;
        this.updater = updater;
        this.instances = instances;
        this.contexts = contexts;
        this.policy = policy;
        this.api = api;
        this.version = version;
        this.actions = actions;
    }

    @POST
    public Response create(JsonNode body, @Context UriInfo uri) {
        AuthContext caller = policy.enforce("os_compute_api:servers:create", ComputeRules.member());
        ServerCreateRequest request = ServerCreateBody.parse(body, version.get());
        String requestId = requestId();
        ServerCreator.Result result = creator.create(caller, request, requestId);
        if (request.returnReservationId()) {
            return Response.accepted(Map.of("reservation_id", result.reservationId())).build();
        }
        InstanceRow first = result.instances().get(0);
        String base = Links.base(api, uri);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("id", first.uuid());
        server.put("links", Links.of(base, "servers", first.uuid()));
        server.put("OS-DCF:diskConfig", first.diskConfig());
        server.put("security_groups", request.securityGroups().stream().map(n -> Map.of("name", n)).toList());
        server.put("adminPass", result.adminPass());
        return Response.accepted(Map.of("server", server))
                .location(URI.create(base + "/v2.1/servers/" + first.uuid())).build();
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        return listing(uri, "os_compute_api:servers:index", ServerView::summary, false);
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@Context UriInfo uri) {
        return listing(uri, "os_compute_api:servers:detail", ServerView::detail, true);
    }

    private interface Renderer {
        Map<String, Object> render(InstanceDetails s, ServerView.Context c, ApiVersion v);
    }

    private Map<String, Object> listing(UriInfo uri, String rule, Renderer renderer, boolean detailed) {
        AuthContext caller = policy.enforce(rule, ComputeRules.reader());
        var q = uri.getQueryParameters();
        if (q.containsKey("all_tenants")) {
            policy.enforce("os_compute_api:servers:index:get_all_tenants", ComputeRules.admin());
        }
        PageRequest page = PageRequest.of(q.getFirst("limit"), q.getFirst("marker"), api.maxPageSize());
        ApiVersion v = version.get();
        Page<InstanceRow> rows = Page.fromOverfetch(query.list(caller, q, v, page.limit(), page.marker()),
                page.limit());
        List<InstanceDetails> details = detailed ? instances.details(rows.items(), false)
                : rows.items().stream().map(r -> new InstanceDetails(r, Map.of(), List.of(), List.of(), List.of(), null,
                        List.of())).toList();
        ServerView.Context ctx = context(caller, uri, v.atLeast("2.16"));
        List<Map<String, Object>> out = new ArrayList<>(details.size());
        for (InstanceDetails d : details) {
            out.add(renderer.render(d, ctx, v));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servers", out);
        List<Link> links = PageLinks.of(rows, InstanceRow::uuid, uri, api.publicUrl().orElse(null));
        if (!links.isEmpty()) {
            body.put("servers_links", links);
        }
        return body;
    }

    private ServerView.Context context(AuthContext caller, UriInfo uri, boolean hostStatus) {
        return contexts.of(caller, uri, hostStatus);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        AuthContext caller = policy.caller();
        InstanceRow row = lookup.visible(caller, id);
        policy.enforce("os_compute_api:servers:show", ComputeRules.readerOf(row.projectId()));
        InstanceDetails d = instances.details(List.of(row), true).get(0);
        return Map.of("server", ServerView.show(d, context(caller, uri, version.atLeast("2.16")), version.get()));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        AuthContext caller = policy.caller();
        InstanceRow row = updater.update(caller, id, ServerUpdateBody.parse(body, version.get()));
        InstanceDetails d = instances.details(List.of(row), true).get(0);
        return Map.of("server", ServerView.update(d, context(caller, uri, version.atLeast("2.16")), version.get()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        deleter.delete(policy.caller(), id, requestId(), "os_compute_api:servers:delete");
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/action")
    public Response action(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        return actions.dispatch(id, body, uri);
    }

    static String requestId() {
        String id = RequestIdFilter.current();
        return id != null ? id : RequestIds.newId();
    }

    static ApiException notFound(String id) {
        return ServerLookup.notFound(id);
    }
}
