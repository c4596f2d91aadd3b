package dev.stratus.compute.api.operator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.persistence.AggregateRecords;
import dev.stratus.compute.api.operator.persistence.AggregateRow;
import dev.stratus.compute.api.operator.service.AggregateAdmin;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /os-aggregates}: host aggregates and their availability zones, for operators. */
@Path("/v2.1/os-aggregates")
@Produces(MediaType.APPLICATION_JSON)
public class AggregatesResource {

    private static final String RULE = "os_compute_api:os-aggregates:";
    private static final Pattern METADATA_KEY = Pattern.compile("^[a-zA-Z0-9-_:. ]{1,255}$");

    private final Policy policy;
    private final RequestedMicroversion version;
    private final AggregateRecords aggregates;
    private final AggregateAdmin admin;

    public AggregatesResource(Policy policy, RequestedMicroversion version, AggregateRecords aggregates,
            AggregateAdmin admin) {
        this.policy = policy;
        this.version = version;
        this.aggregates = aggregates;
        this.admin = admin;
    }

    @GET
    public Map<String, Object> list() {
        policy.enforce(RULE + "index", Policy.admin());
        return Map.of("aggregates", AggregateViews.AGGREGATE.renderAll(aggregates.list(), null, version.get()));
    }

    @POST
    public Map<String, Object> create(String body) {
        policy.enforce(RULE + "create", Policy.admin());
        JsonNode root = RequestBodies.parse(body);
        RequestBodies.onlyKeys(root, null, Set.of("aggregate"));
        JsonNode aggregate = RequestBodies.object(root, "aggregate");
        RequestBodies.onlyKeys(aggregate, "aggregate", Set.of("name", "availability_zone"));
        RequestBodies.required(aggregate, "aggregate", "name");
        String name = RequestBodies.name(aggregate, "name", false);
        String zone = RequestBodies.zoneName(aggregate, "availability_zone");
        return Map.of("aggregate", AggregateViews.CREATED.render(admin.create(name, zone), null, version.get()));
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id) {
        policy.enforce(RULE + "show", Policy.admin());
        return render(admin.get(ServicesResource.integerId(id)));
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, String body) {
        policy.enforce(RULE + "update", Policy.admin());
        int aggregateId = ServicesResource.integerId(id);
        JsonNode root = RequestBodies.parse(body);
        RequestBodies.onlyKeys(root, null, Set.of("aggregate"));
        JsonNode aggregate = RequestBodies.object(root, "aggregate");
        RequestBodies.onlyKeys(aggregate, "aggregate", Set.of("name", "availability_zone"));
        if (aggregate.isEmpty()) {
            throw RequestBodies.invalid("aggregate", "{} does not have enough properties");
        }
        // a new name may have leading and trailing spaces; Nova strips them
        String name = RequestBodies.trimmedName(aggregate, "name");
        String zone = RequestBodies.zoneName(aggregate, "availability_zone");
        return render(admin.update(aggregateId, name, aggregate.has("availability_zone"), zone));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        policy.enforce(RULE + "delete", Policy.admin());
        admin.delete(ServicesResource.integerId(id));
        return Response.ok().build();
    }

    /** {@code add_host}, {@code remove_host} or {@code set_metadata}: exactly one per request. */
    @POST
    @Path("{id}/action")
    public Map<String, Object> action(@PathParam("id") String id, String body) {
        JsonNode request = RequestBodies.parse(body);
        if (request.size() != 1) {
            throw ApiException.badRequest("Exactly one action is expected, one of add_host, remove_host and "
                    + "set_metadata.");
        }
        String action = request.fieldNames().next();
        return switch (action) {
            case "add_host" -> {
                policy.enforce(RULE + "add_host", Policy.admin());
                int aggregateId = ServicesResource.integerId(id);
                yield render(admin.addHost(aggregateId, host(request, action)));
            }
            case "remove_host" -> {
                policy.enforce(RULE + "remove_host", Policy.admin());
                int aggregateId = ServicesResource.integerId(id);
                yield render(admin.removeHost(aggregateId, host(request, action)));
            }
            case "set_metadata" -> {
                policy.enforce(RULE + "set_metadata", Policy.admin());
                int aggregateId = ServicesResource.integerId(id);
                yield render(admin.setMetadata(aggregateId, metadata(request)));
            }
            default -> throw ApiException.badRequest("Invalid request body: unknown action '" + action
                    + "'; expected add_host, remove_host or set_metadata.");
        };
    }

    private static String host(JsonNode request, String action) {
        JsonNode body = RequestBodies.object(request, action);
        RequestBodies.onlyKeys(body, action, Set.of("host"));
        RequestBodies.required(body, action, "host");
        return RequestBodies.host(body, "host");
    }

    private static Map<String, String> metadata(JsonNode request) {
        JsonNode body = RequestBodies.object(request, "set_metadata");
        RequestBodies.onlyKeys(body, "set_metadata", Set.of("metadata"));
        JsonNode metadata = RequestBodies.object(body, "metadata");
        Map<String, String> changes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!METADATA_KEY.matcher(key).matches()) {
                throw RequestBodies.invalid("metadata", "'" + key + "' is not a valid metadata key (1 to 255 letters, "
                        + "digits, spaces or -_:.)");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                changes.put(key, null);
            } else if (value.isTextual() && value.asText().length() <= 255) {
                // the zone too is any string here, as in Nova; the zone rules are checked by AggregateAdmin
                changes.put(key, value.asText());
            } else {
                throw RequestBodies.invalid("metadata." + key, value + " is not a string of at most 255 characters "
                        + "or null");
            }
        }
        return changes;
    }

    private Map<String, Object> render(AggregateRow aggregate) {
        return Map.of("aggregate", AggregateViews.AGGREGATE.render(aggregate, null, version.get()));
    }
}
