package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.ImpliedRoleEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.service.Directory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /v3/role_inferences}: every implied-role rule. A token carries every role its assigned roles
 * imply; {@link RoleImpliesResource} manages the rules of one role.
 */
@Path("/v3/role_inferences")
@Produces(MediaType.APPLICATION_JSON)
public class RoleInferenceResource {

    private final Policy policy;
    private final ApiSettings api;
    private final Directory directory;

    public RoleInferenceResource(Policy policy, ApiSettings api, Directory directory) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> all(@Context UriInfo uri) {
        policy.enforce("identity:list_role_inference_rules", Policy.admin());
        String base = PublicUrls.base(api, uri);
        return ImpliedRoleEntity.<ImpliedRoleEntity>listAll().chain(rules -> RoleEntity.<RoleEntity>listAll()
                .map(roles -> {
                    Map<String, RoleEntity> byId = roles.stream()
                            .collect(Collectors.toMap(r -> r.id, Function.identity()));
                    Map<String, List<ImpliedRoleEntity>> byPrior = rules.stream()
                            .collect(Collectors.groupingBy(r -> r.priorRoleId));
                    List<Map<String, Object>> out = new ArrayList<>();
                    byPrior.forEach((prior, implied) -> out.add(inference(byId.get(prior),
                            implied.stream().map(r -> byId.get(r.impliedRoleId))
                                    .sorted(Comparator.comparing(r -> r.name)).toList(), base)));
                    out.sort(Comparator.comparing(m -> m.get("prior_role").toString()));
                    return Map.of("role_inferences", out, "links",
                            Map.of("self", base + "/v3/role_inferences"));
                }));
    }

    static Map<String, Object> inference(RoleEntity prior, List<RoleEntity> implied, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prior_role", ref(prior, base));
        m.put("implies", implied.stream().map(r -> ref(r, base)).toList());
        return m;
    }

    static Map<String, Object> ref(RoleEntity role, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", role.id);
        m.put("name", role.name);
        m.put("links", Views.links(base + "/v3/roles/" + role.id));
        return m;
    }
}
