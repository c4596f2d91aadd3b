package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.DomainConfigOptionEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain's specific configuration as Keystone's sql domain-config driver keeps it: options by group, stored
 * whole by a create, merged by an update, removed whole, by group or by option. What is shown never includes a
 * sensitive option. Callers check the domain exists and the caller may; this class checks the configuration.
 */
@ApplicationScoped
public class DomainConfigs {

    /** The answer to a create: the stored configuration, and whether the domain had none before. */
    public record Created(Map<String, Object> config, boolean isNew) {
    }

    /** Replaces the domain's configuration by {@code config}. */
    public Uni<Created> create(String domainId, JsonNode config) {
        DomainConfigRules.checkConfig(config);
        return DomainConfigOptionEntity.count("domainId", domainId)
                .call(() -> DomainConfigOptionEntity.delete("domainId", domainId))
                .call(() -> putAll(domainId, config))
                .chain(before -> shown(domainId, null, null).map(rows -> new Created(view(rows, null), before == 0)));
    }

    /** The whole configuration, a group of it, or one option ({@code {option: value}}); 404 when none is set. */
    public Uni<Map<String, Object>> show(String domainId, String group, String option) {
        DomainConfigRules.checkGroupAndOption(group, option);
        return shown(domainId, group, option).map(rows -> {
            if (rows.isEmpty()) {
                throw notFound(domainId, group, option);
            }
            return view(rows, option);
        });
    }

    /**
     * Merges {@code body} into the configuration. Through a group or an option, the body holds that group (or that
     * option's value) alone, and the group or option must be set already (else 404). Answers the whole
     * configuration.
     */
    public Uni<Map<String, Object>> update(String domainId, JsonNode body, String group, String option) {
        JsonNode config = DomainConfigRules.checkPartialUpdate(body, group, option);
        Uni<Long> set = group == null ? Uni.createFrom().item(1L) : count(domainId, group, option);
        return set.invoke(n -> {
            if (n == 0) {
                throw notFound(domainId, group, option);
            }
        }).call(() -> putAll(domainId, config)).chain(() -> show(domainId, null, null));
    }

    /** Deletes the whole configuration (whether there is one or not), a group or an option that is set (else 404). */
    public Uni<Void> delete(String domainId, String group, String option) {
        DomainConfigRules.checkGroupAndOption(group, option);
        if (group == null) {
            return DomainConfigOptionEntity.delete("domainId", domainId).replaceWithVoid();
        }
        return DomainConfigOptionEntity.<DomainConfigOptionEntity>list("domainId = ?1 and groupName = ?2", domainId,
                group).chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().failure(notFound(domainId, group, null));
                    }
                    // As Keystone: an option whose value is false, zero or empty counts as not set.
                    if (option != null && rows.stream().noneMatch(r -> r.optionName.equals(option)
                            && DomainConfigRules.truthy(r.value))) {
                        return Uni.createFrom().failure(notFound(domainId, group, option));
                    }
                    return option == null
                            ? DomainConfigOptionEntity.delete("domainId = ?1 and groupName = ?2", domainId, group)
                            : DomainConfigOptionEntity.delete("domainId = ?1 and groupName = ?2 and optionName = ?3",
                                    domainId, group, option);
                }).replaceWithVoid();
    }

    private static Uni<Void> putAll(String domainId, JsonNode config) {
        List<Uni<Integer>> puts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> groups = config.fields(); groups.hasNext(); ) {
            Map.Entry<String, JsonNode> group = groups.next();
            for (Iterator<Map.Entry<String, JsonNode>> options = group.getValue().fields(); options.hasNext(); ) {
                Map.Entry<String, JsonNode> option = options.next();
                puts.add(DomainConfigOptionEntity.put(domainId, group.getKey(), option.getKey(),
                        DomainConfigRules.write(option.getValue()),
                        DomainConfigRules.isSensitive(group.getKey(), option.getKey())));
            }
        }
        // One statement after the other: a reactive session runs one at a time.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Integer> put : puts) {
            chain = chain.call(() -> put);
        }
        return chain;
    }

    private static Uni<Long> count(String domainId, String group, String option) {
        return option == null
                ? DomainConfigOptionEntity.count("domainId = ?1 and groupName = ?2", domainId, group)
                : DomainConfigOptionEntity.count("domainId = ?1 and groupName = ?2 and optionName = ?3", domainId,
                        group, option);
    }

    /** The options that may be shown (not sensitive), in order. */
    private static Uni<List<DomainConfigOptionEntity>> shown(String domainId, String group, String option) {
        String query = "domainId = ?1 and sensitive = false";
        if (group == null) {
            return DomainConfigOptionEntity.list(query + " order by groupName, optionName", domainId);
        }
        if (option == null) {
            return DomainConfigOptionEntity.list(query + " and groupName = ?2 order by optionName", domainId, group);
        }
        return DomainConfigOptionEntity.list(query + " and groupName = ?2 and optionName = ?3", domainId, group,
                option);
    }

    private static Map<String, Object> view(List<DomainConfigOptionEntity> rows, String option) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (DomainConfigOptionEntity row : rows) {
            if (option != null) {
                config.put(row.optionName, DomainConfigRules.read(row.value));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> group = (Map<String, Object>) config.computeIfAbsent(row.groupName,
                        g -> new LinkedHashMap<String, Object>());
                group.put(row.optionName, DomainConfigRules.read(row.value));
            }
        }
        return config;
    }

    private static ApiException notFound(String domainId, String group, String option) {
        String what = option != null ? "option " + option + " in group " + group
                : group != null ? "group " + group : "any options";
        return ApiException.notFound("Could not find " + what + " in domain configuration for domain " + domainId
                + ".");
    }
}
