package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A network-service security group as Nova's proxy shows it: {@code id}, {@code name}, {@code description},
 * {@code tenant_id} and its ingress rules only (Nova's API has no egress rules).
 */
public final class NovaSecurityGroupView {

    /** Orders groups as Nova's lists do: by owner, then by name. */
    public static final Comparator<Map<String, Object>> LISTING_ORDER = Comparator
            .comparing((Map<String, Object> g) -> String.valueOf(g.get("tenant_id")))
            .thenComparing(g -> String.valueOf(g.get("name")));

    private NovaSecurityGroupView() {
    }

    /**
     * @param sources the {@code name} and {@code tenant_id} of a rule's source group by its id; empty when the
     *                group is gone, and then the rule is left out, as Nova does
     */
    public static Map<String, Object> of(JsonNode group, Function<String, Optional<Map<String, Object>>> sources) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", group.path("id").asText());
        v.put("description", group.path("description").asText(""));
        v.put("name", group.path("name").asText(""));
        v.put("tenant_id", owner(group));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (JsonNode rule : group.path("security_group_rules")) {
            if (!"ingress".equals(rule.path("direction").asText())) {
                continue;
            }
            NovaRule r = NovaRule.fromNeutron(rule);
            if (r.groupId() == null) {
                rules.add(r.view(null));
            } else {
                sources.apply(r.groupId()).ifPresent(source -> rules.add(r.view(source)));
            }
        }
        v.put("rules", rules);
        return v;
    }

    /** What a rule shows of its source group. */
    public static Map<String, Object> source(JsonNode group) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", group.path("name").asText(""));
        v.put("tenant_id", owner(group));
        return v;
    }

    private static String owner(JsonNode group) {
        JsonNode tenant = group.get("tenant_id");
        return tenant != null && !tenant.isNull() ? tenant.asText() : group.path("project_id").asText(null);
    }
}
