package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.ValueReader;
import dev.stratus.network.api.Values;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.TagService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/{resources}/{id}/tags}, reached from each taggable resource: list (200), replace all (PUT, 200),
 * remove all (204); per tag: check (GET, 204), add (PUT, 201), remove (204).
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ResourceTags {

    private final TagService tags;
    private final Access access;
    private final String collection;
    private final String id;

    ResourceTags(TagService tags, Access access, String collection, String id) {
        this.tags = tags;
        this.access = access;
        this.collection = collection;
        this.id = id;
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("tags", tags.list(access.caller(), collection, id));
    }

    @PUT
    public Map<String, Object> replace(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("tags")) {
            throw Faults.invalidInput("Invalid tags body");
        }
        List<String> newTags;
        try {
            @SuppressWarnings("unchecked")
            List<String> read = (List<String>) Values.uniqueStrings(TagService.MAX_LENGTH).read(body.get("tags"));
            newTags = read;
        } catch (ValueReader.Invalid e) {
            throw Faults.invalidInput(e.getMessage());
        }
        return Map.of("tags", tags.replace(access.caller(), collection, id, newTags));
    }

    @DELETE
    public Response removeAll() {
        tags.removeAll(access.caller(), collection, id);
        return Response.noContent().build();
    }

    @GET
    @Path("{tag}")
    public Response check(@PathParam("tag") String tag) {
        tags.check(access.caller(), collection, id, tag);
        return Response.noContent().build();
    }

    @PUT
    @Path("{tag}")
    public Response add(@PathParam("tag") String tag) {
        tags.add(access.caller(), collection, id, tag);
        return Response.status(201).build();
    }

    @DELETE
    @Path("{tag}")
    public Response remove(@PathParam("tag") String tag) {
        tags.remove(access.caller(), collection, id, tag);
        return Response.noContent().build();
    }
}
