package dev.stratus.compute.api.rest;

import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_GENERATION;
import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_IMPORT_ONLY;
import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_PAGING;
import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_TYPE;
import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_USER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.Page;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.KeypairRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.KeypairService;
import dev.stratus.compute.api.view.KeypairView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /v2.1/os-keypairs}: a user's own key pairs (admins may name another user from 2.10). Create
 * imports {@code public_key} or, before 2.92, generates the pair and hands out the private key once.
 */
@Path("/v2.1/os-keypairs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeypairsResource {

    private static final String RULE = "os_compute_api:os-keypairs:";
    private static final List<String> TYPES = List.of(KeypairService.SSH, KeypairService.X509);

    private static final VersionedKeys CREATE_BODY = new VersionedKeys()
            .always("name", "public_key")
            .in(KEYPAIR_TYPE, "type")
            .in(KEYPAIR_USER_ID, "user_id");
    private static final VersionedKeys LIST_QUERY = new VersionedKeys()
            .in(KEYPAIR_USER_ID, "user_id")
            .in(KEYPAIR_PAGING, "limit", "marker");
    private static final VersionedKeys ITEM_QUERY = new VersionedKeys()
            .in(KEYPAIR_USER_ID, "user_id");

    /** Names as parameter_types.keypair_name_special_chars (2.1-2.91) and its 2.92 successor allow them. */
    private static final String NAME_PATTERN = "^[_\\- a-zA-Z0-9]+$";
    private static final String NAME_PATTERN_V292 = "^[_\\-\\@\\. a-zA-Z0-9]+$";

    private final KeypairService keypairs;
    private final Policy policy;
    private final ApiSettings api;
    private final RequestedMicroversion version;

    public KeypairsResource(KeypairService keypairs, Policy policy, ApiSettings api, RequestedMicroversion version) {
        this.keypairs = keypairs;
        this.policy = policy;
        this.api = api;
        this.version = version;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, LIST_QUERY.at(v));
        String owner = owner(uri, v, "index");
        Map<String, Object> body = new LinkedHashMap<>();
        if (!KEYPAIR_PAGING.contains(v)) {
            body.put("keypairs", keypairs.all(owner).stream().map(k -> KeypairView.listed(k, v)).toList());
            return body;
        }
        Long limit = QueryParams.nonNegative(uri, "limit");
        PageRequest request = PageRequest.of(limit == null ? null : Long.toString(Math.min(limit, Integer.MAX_VALUE)),
                QueryParams.last(uri, "marker"), api.maxPageSize());
        Page<KeypairRow> page = keypairs.page(owner, request.marker(), request.limit());
        body.put("keypairs", page.items().stream().map(k -> KeypairView.listed(k, v)).toList());
        List<Link> links = PageLinks.of(page, KeypairRow::name, uri, api.publicUrl().orElse(null));
        if (!links.isEmpty()) {
            body.put("keypairs_links", links);
        }
        return body;
    }

    @GET
    @Path("{name}")
    public Map<String, Object> show(@PathParam("name") String name, @Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, ITEM_QUERY.at(v));
        String owner = owner(uri, v, "show");
        return Map.of("keypair", KeypairView.detail(keypairs.get(owner, name), v));
    }

    @POST
    public Response create(JsonNode body) {
        ApiVersion v = version.get();
        JsonNode k = BodyRules.root(body, "keypair");
        Bodies.onlyKnown(k, CREATE_BODY.at(v));
        String name = name(BodyRules.required("keypair", k, "name"), v);
        String type = k.has("type") ? BodyRules.oneOf(k.get("type"), "type", TYPES) : KeypairService.SSH;
        String publicKey = BodyRules.string(k, "public_key");
        if (publicKey == null && KEYPAIR_IMPORT_ONLY.contains(v)) {
            throw BodyRules.missing("keypair", k, "public_key");
        }
        String userId = BodyRules.string(k, "user_id");
        AuthContext caller = policy.caller();
        String owner = userId == null || userId.isEmpty() ? caller.userId() : userId;
        policy.enforce(RULE + "create", ownerOrAdmin(owner));
        KeypairService.Created created = publicKey != null
                ? keypairs.importKey(caller.projectId(), owner, name, type, publicKey)
                : keypairs.generate(caller.projectId(), owner, name, type);
        return Response.status(KEYPAIR_TYPE.contains(v) ? 201 : 200)
                .entity(Map.of("keypair", KeypairView.created(created.keypair(), created.privateKey(), v))).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context UriInfo uri) {
        ApiVersion v = version.get();
        QueryParams.onlyKnown(uri, v, ITEM_QUERY.at(v));
        keypairs.delete(owner(uri, v, "delete"), name);
        return KEYPAIR_TYPE.contains(v) ? Response.noContent().build() : Response.accepted().build();
    }

    /** The user whose key pairs are meant: {@code ?user_id=} from 2.10, else the caller; the rule checked on it. */
    private String owner(UriInfo uri, ApiVersion v, String action) {
        String requested = KEYPAIR_USER_ID.contains(v) ? QueryParams.first(uri, "user_id") : null;
        String owner = requested == null || requested.isEmpty() ? policy.caller().userId() : requested;
        policy.enforce(RULE + action, ownerOrAdmin(owner));
        return owner;
    }

    /** Nova's "(rule:admin_api) or user_id:%(user_id)s". */
    private static Predicate<AuthContext> ownerOrAdmin(String userId) {
        return ComputeRules.admin().or(c -> userId.equals(c.userId()));
    }

    private static String name(JsonNode value, ApiVersion v) {
        String name = BodyRules.name(value, "name");
        String pattern = KEYPAIR_GENERATION.contains(v) ? NAME_PATTERN : NAME_PATTERN_V292;
        if (!name.matches(pattern)) {
            // jsonschema quotes the pattern as Python's repr does, backslashes doubled
            throw Bodies.invalid("name", value, "does not match '" + pattern.replace("\\", "\\\\") + "'");
        }
        return name;
    }
}
