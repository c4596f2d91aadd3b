package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.MeteringRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.MeteringService;
import dev.stratus.network.view.MeteringView;
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
import java.util.Map;

/** {@code /v2.0/metering/metering-labels} (metering): create, list, show, delete; Neutron has no update. */
@Path("/v2.0/metering/metering-labels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeteringLabelsResource {

    /** neutron-lib's metering_labels attribute map. */
    static final ResourceSchema SCHEMA = ResourceSchema.of("metering_label", "metering_labels",
            Attribute.createOnly("name", "", Values.string(255)),
            Attribute.createOnly("description", "", Values.string(1024)),
            Attribute.createOnly("shared", false, Values.bool()));

    private final MeteringService metering;
    private final Access access;
    private final ListParams params;
    private final ApiSettings api;

    public MeteringLabelsResource(MeteringService metering, Access access, ListParams params, ApiSettings api) {
        this.metering = metering;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        ListParams.Parsed parsed = params.parse(uri, MeteringRepository.LABEL_LISTING);
        return Listing.body("metering_labels", metering.labels(access.caller(), parsed.query()).stream()
                .map(MeteringView::label).toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("metering_label", Fields.select(MeteringView.label(metering.label(access.caller(), id)),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "metering_label", "metering_labels", metering.createLabels(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(MeteringView::label).toList());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        metering.deleteLabel(access.caller(), id);
        return Response.noContent().build();
    }
}
