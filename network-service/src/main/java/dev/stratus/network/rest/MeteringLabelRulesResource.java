package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.ValueReader;
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
import java.util.List;
import java.util.Map;

/**
 * {@code /v2.0/metering/metering-label-rules} (metering, metering_source_and_destination_fields): create, list,
 * show, delete; the metering plugin has no update.
 */
@Path("/v2.0/metering/metering-label-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeteringLabelRulesResource {

    /**
     * neutron-lib's metering_label_rules map as metering_source_and_destination_fields leaves it: the three
     * prefixes default to none and carry no validator of the API layer; the plugin checks them.
     */
    static final ResourceSchema SCHEMA = ResourceSchema.of("metering_label_rule", "metering_label_rules",
            Attribute.required("metering_label_id", Values.uuid()),
            Attribute.required("direction", Values.oneOf(List.of("ingress", "egress"))),
            Attribute.createOnly("excluded", false, Values.bool()),
            Attribute.createOnly("remote_ip_prefix", null, MeteringLabelRulesResource::text),
            Attribute.createOnly("source_ip_prefix", null, MeteringLabelRulesResource::text),
            Attribute.createOnly("destination_ip_prefix", null, MeteringLabelRulesResource::text));

    private final MeteringService metering;
    private final Access access;
    private final ListParams params;
    private final ApiSettings api;

    public MeteringLabelRulesResource(MeteringService metering, Access access, ListParams params, ApiSettings api) {
        this.metering = metering;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        ListParams.Parsed parsed = params.parse(uri, MeteringRepository.RULE_LISTING);
        return Listing.body("metering_label_rules", metering.rules(access.caller(), parsed.query()).stream()
                .map(MeteringView::rule).toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("metering_label_rule", Fields.select(MeteringView.rule(metering.rule(access.caller(), id)),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "metering_label_rule", "metering_label_rules", metering.createRules(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(MeteringView::rule).toList());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        metering.deleteRule(access.caller(), id);
        return Response.noContent().build();
    }

    /** A prefix as given (null or text); the metering plugin, not the API layer, says whether it is one. */
    private static Object text(JsonNode v) throws ValueReader.Invalid {
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
