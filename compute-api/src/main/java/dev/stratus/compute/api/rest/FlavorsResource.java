package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.common.web.Page;
import dev.stratus.compute.api.persistence.FlavorRepository;
import dev.stratus.compute.api.persistence.FlavorRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.FlavorService;
import dev.stratus.compute.api.view.FlavorView;
import dev.stratus.compute.api.view.Links;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/** {@code /v2.1/flavors}: listing for everyone, create/update/delete for admins; specs and access below. */
@Path("/v2.1/flavors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlavorsResource {

    private static final Map<String, String> SORT_KEYS = Map.ofEntries(Map.entry("flavorid", "flavorid"),
            Map.entry("id", "flavorid"), Map.entry("name", "name"), Map.entry("memory_mb", "memory_mb"),
            Map.entry("root_gb", "root_gb"), Map.entry("vcpus", "vcpus"), Map.entry("swap", "swap"),
            Map.entry("ephemeral_gb", "ephemeral_gb"), Map.entry("rxtx_factor", "rxtx_factor"),
            Map.entry("is_public", "is_public"), Map.entry("disabled", "disabled"),
            Map.entry("description", "description"), Map.entry("created_at", "flavorid"),
            Map.entry("updated_at", "flavorid"));

    private static final Set<String> CREATE_FIELDS = Set.of("name", "id", "ram", "vcpus", "disk",
            "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor", "os-flavor-access:is_public", "description");

    private final FlavorService service;
    private final FlavorRepository flavors;
    private final Policy policy;
    private final ApiSettings api;
    private final RequestedMicroversion version;
    private final FlavorExtraSpecsResource extraSpecs;
    private final FlavorAccessResource access;

    public FlavorsResource(FlavorService service, FlavorRepository flavors, Policy policy, ApiSettings api,
            RequestedMicroversion version, FlavorExtraSpecsResource extraSpecs, FlavorAccessResource access) {
        this.service = service;
        this.flavors = flavors;
        this.policy = policy;
        this.api = api;
        this.version = version;
        this.extraSpecs = extraSpecs;
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        return listing(uri, FlavorView::summary);
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@Context UriInfo uri) {
        return listing(uri, FlavorView::detail);
    }

    private Map<String, Object> listing(UriInfo uri,
            TriFunction<FlavorRow, FlavorView.Context, dev.stratus.common.web.ApiVersion, Map<String, Object>> view) {
        AuthContext caller = policy.caller();
        var q = uri.getQueryParameters();
        boolean admin = ComputeRules.isAdmin(caller);
        FlavorRepository.Filter filter = new FlavorRepository.Filter(
                admin ? isPublic(q.getFirst("is_public")) : null, admin ? null : caller.projectId(),
                minimum("minRam", q.getFirst("minRam")), minimum("minDisk", q.getFirst("minDisk")));
        if (!admin && caller.projectId() == null) {
            filter = new FlavorRepository.Filter(true, null, filter.minRam(), filter.minDisk());
        }
        String sortKey = q.getFirst("sort_key") == null ? "flavorid" : q.getFirst("sort_key");
        String column = SORT_KEYS.get(sortKey);
        if (column == null) {
            throw ApiException.badRequest("Invalid sort key: " + sortKey);
        }
        String dir = q.getFirst("sort_dir") == null ? "asc" : q.getFirst("sort_dir");
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.badRequest("Invalid sort direction: " + dir);
        }
        PageRequest page = PageRequest.of(q.getFirst("limit"), q.getFirst("marker"), api.maxPageSize());
        FlavorRow marker = null;
        if (page.marker() != null) {
            marker = flavors.find(page.marker())
                    .orElseThrow(() -> ApiException.badRequest("marker [" + page.marker() + "] not found"));
        }
        Page<FlavorRow> rows = Page.fromOverfetch(flavors.list(filter, column, dir.equals("asc"), marker,
                page.limit()), page.limit());
        FlavorView.Context ctx = new FlavorView.Context(Links.base(api, uri), specsReadable(caller));
        List<Map<String, Object>> out = new ArrayList<>();
        for (FlavorRow f : rows.items()) {
            out.add(view.apply(f, ctx, version.get()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flavors", out);
        List<Link> links = PageLinks.of(rows, FlavorRow::id, uri, api.publicUrl().orElse(null));
        if (!links.isEmpty()) {
            body.put("flavors_links", links);
        }
        return body;
    }

    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    private static Boolean isPublic(String value) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase()) {
            case "none" -> null;
            case "true", "t", "1", "yes", "y", "on" -> true;
            case "false", "f", "0", "no", "n", "off" -> false;
            default -> throw ApiException.badRequest("Invalid is_public filter [" + value + "]");
        };
    }

    private static Integer minimum(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " filter [" + value + "]");
        }
    }

    private boolean specsReadable(AuthContext caller) {
        return ComputeRules.reader().test(caller);
    }

    /** The flavor if the caller may see it: public, or shared with the caller's project, or an admin. */
    FlavorRow visible(String id) {
        AuthContext caller = policy.caller();
        FlavorRow f = service.get(id);
        if (!f.isPublic() && !ComputeRules.isAdmin(caller)
                && (caller.projectId() == null || !flavors.hasAccess(id, caller.projectId()))) {
            throw FlavorService.notFound(id);
        }
        return f;
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        FlavorRow f = visible(id);
        return Map.of("flavor", FlavorView.detail(f, new FlavorView.Context(Links.base(api, uri),
                specsReadable(policy.caller())), version.get()));
    }

    @POST
    public Map<String, Object> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("os_compute_api:os-flavor-manage:create", ComputeRules.admin());
        JsonNode f = Bodies.root(body, "flavor");
        Bodies.onlyKnown(f, version.atLeast("2.55") ? CREATE_FIELDS
                : CREATE_FIELDS.stream().filter(k -> !k.equals("description")).collect(java.util.stream.Collectors.toSet()));
        String name = Bodies.name(f, "name", 255, true);
        // Nova's schema takes a number for the id too (Tempest sends integers) and keeps its text
        JsonNode idNode = f.get("id");
        String id = idNode != null && idNode.isNumber() ? idNode.asText() : Bodies.optionalString(f, "id", 1, 255);
        if (id == null) {
            id = UUID.randomUUID().toString();
        } else if (!id.matches("[a-zA-Z0-9. _-]+") || !id.equals(id.strip())) {
            throw Bodies.invalid("id", f.get("id"), "does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        int ram = Bodies.integer(f, "ram", 1, Integer.MAX_VALUE, true);
        int vcpus = Bodies.integer(f, "vcpus", 1, Integer.MAX_VALUE, true);
        int disk = Bodies.integer(f, "disk", 0, Integer.MAX_VALUE, true);
        Integer ephemeral = Bodies.integer(f, "OS-FLV-EXT-DATA:ephemeral", 0, Integer.MAX_VALUE, false);
        Integer swap = Bodies.integer(f, "swap", 0, Integer.MAX_VALUE, false);
        double rxtx = 1.0;
        JsonNode r = f.get("rxtx_factor");
        if (r != null && !r.isNull()) {
            if (r.isNumber() && r.asDouble() > 0) {
                rxtx = r.asDouble();
            } else if (r.isTextual() && r.asText().matches("\\d+(\\.\\d+)?") && Double.parseDouble(r.asText()) > 0) {
                rxtx = Double.parseDouble(r.asText());
            } else {
                throw Bodies.invalid("rxtx_factor", r, "is not a number greater than 0");
            }
        }
        Boolean isPublic = Bodies.bool(f, "os-flavor-access:is_public");
        String description = Bodies.optionalString(f, "description", 0, 65535);
        FlavorRow created = service.create(new FlavorRow(id, name, vcpus, ram, disk, ephemeral == null ? 0 : ephemeral,
                swap == null ? 0 : swap, rxtx, isPublic == null || isPublic, false, description, Map.of()));
        return Map.of("flavor", FlavorView.detail(created, new FlavorView.Context(Links.base(api, uri), true),
                version.get()));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        if (!version.atLeast("2.55")) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.enforce("os_compute_api:os-flavor-manage:update", ComputeRules.admin());
        JsonNode f = Bodies.root(body, "flavor");
        Bodies.onlyKnown(f, Set.of("description"));
        if (!f.has("description")) {
            throw ApiException.badRequest("Invalid input for field/attribute flavor. Value: " + f
                    + ". 'description' is a required property");
        }
        String description = Bodies.optionalString(f, "description", 0, 65535);
        FlavorRow updated = service.updateDescription(id, description);
        return Map.of("flavor", FlavorView.detail(updated, new FlavorView.Context(Links.base(api, uri), true),
                version.get()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        policy.enforce("os_compute_api:os-flavor-manage:delete", ComputeRules.admin());
        service.delete(id);
        return Response.accepted().build();
    }

    @POST
    @Path("{id}/action")
    public Map<String, Object> action(@PathParam("id") String id, JsonNode body) {
        return access.action(id, body);
    }

    @Path("{id}/os-extra_specs")
    public FlavorExtraSpecsResource extraSpecs() {
        return extraSpecs;
    }

    @Path("{id}/os-flavor-access")
    public FlavorAccessResource access() {
        return access;
    }

    static BiFunction<String, String, Map<String, Object>> accessEntry() {
        return (flavor, tenant) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flavor_id", flavor);
            m.put("tenant_id", tenant);
            return m;
        };
    }
}
