package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.network.api.Attribute;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.api.SecurityGroupFaults;
import dev.stratus.network.api.ValueReader;
import dev.stratus.network.api.Values;
import dev.stratus.network.persistence.SecurityGroupRuleRepository;
import dev.stratus.network.service.Access;
import dev.stratus.network.service.Caller;
import dev.stratus.network.service.SecurityGroupRuleService;
import dev.stratus.network.service.SecurityGroupRuleSpec;
import dev.stratus.network.view.SecurityGroupRuleView;
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
import java.util.Map;

/** {@code /v2.0/security-group-rules}; the values are converted as Neutron's securitygroup extension does. */
@Path("/v2.0/security-group-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SecurityGroupRulesResource {

    static final ResourceSchema SCHEMA = ResourceSchema.of("security_group_rule", "security_group_rules",
            Attribute.required("security_group_id", Values.string(255)),
            Attribute.required("direction", Values.oneOf(java.util.List.of("ingress", "egress"))),
            Attribute.createOnly("protocol", null, protocol()),
            Attribute.createOnly("port_range_min", null, port()),
            Attribute.createOnly("port_range_max", null, port()),
            Attribute.createOnly("ethertype", "IPv4", ethertype()),
            Attribute.createOnly("remote_ip_prefix", null, prefix()),
            Attribute.createOnly("remote_group_id", null, Values.stringOrNull(255)),
            Attribute.writable("description", "", Values.string(255)));

    private final SecurityGroupRuleService rules;
    private final Access access;
    private final ListParams params;
    private final ApiSettings api;

    public SecurityGroupRulesResource(SecurityGroupRuleService rules, Access access, ListParams params,
            ApiSettings api) {
        this.rules = rules;
        this.access = access;
        this.params = params;
        this.api = api;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        Caller caller = access.caller();
        ListParams.Parsed parsed = params.parse(uri, SecurityGroupRuleRepository.LISTING);
        return Listing.body("security_group_rules", rules.list(caller, parsed.query()).stream()
                .map(SecurityGroupRuleView::of).toList(), parsed, uri, api);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("security_group_rule", Fields.select(SecurityGroupRuleView.of(rules.get(access.caller(), id)),
                Fields.of(uri)));
    }

    @POST
    public Response create(JsonNode body) {
        return Created.of(body, "security_group_rule", "security_group_rules", rules.create(access.caller(),
                SCHEMA.forCreate(body, true)).stream().map(SecurityGroupRuleView::of).toList());
    }

    @PUT
    @Path("{id}")
    public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
        return Map.of("security_group_rule", SecurityGroupRuleView.of(rules.update(access.caller(), id,
                SCHEMA.forUpdate(body))));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        rules.delete(access.caller(), id);
        return Response.noContent().build();
    }

    private static ValueReader protocol() {
        return v -> v == null || v.isNull() ? null : SecurityGroupRuleSpec.protocol(v.isContainerNode() ? v.toString()
                : v.asText());
    }

    /** convert_validate_port_value: 0 to 65535, else SecurityGroupInvalidPortValue. */
    private static ValueReader port() {
        return v -> {
            if (v == null || v.isNull()) {
                return null;
            }
            String text = v.asText();
            if ((v.isIntegralNumber() || v.isTextual()) && text.strip().matches("-?\\d{1,9}")) {
                int port = Integer.parseInt(text.strip());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            }
            throw SecurityGroupFaults.invalidPortValue(v.isTextual() ? text : v.toString());
        };
    }

    private static ValueReader ethertype() {
        return v -> {
            if (v != null && v.isTextual()) {
                for (String known : java.util.List.of("IPv4", "IPv6")) {
                    if (known.equalsIgnoreCase(v.asText())) {
                        return known;
                    }
                }
            }
            throw SecurityGroupFaults.invalidEthertype(v == null ? "None" : v.asText(), "['IPv4', 'IPv6']");
        };
    }

    private static ValueReader prefix() {
        return v -> v == null || v.isNull() ? null : SecurityGroupRuleSpec.prefix(v.asText());
    }
}
