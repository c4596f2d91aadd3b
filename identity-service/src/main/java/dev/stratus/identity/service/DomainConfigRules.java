package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.fault.ApiException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which groups and options a domain-specific configuration may hold, Keystone's defaults for them, and Keystone's
 * 403 "Invalid domain specific configuration" for anything else. Only the options that shape an identity driver
 * are allowed: {@code identity.driver}, {@code identity.list_limit} and the LDAP connection and mapping options;
 * {@code ldap.password} is sensitive (stored, never shown, and it has no readable default).
 */
public final class DomainConfigRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Option name to Keystone's default, by group, in Keystone's order; the whitelisted options. */
    private static final Map<String, Map<String, Object>> DEFAULTS = defaults();
    private static final Map<String, Set<String>> SENSITIVE = Map.of("identity", Set.of(), "ldap", Set.of("password"));

    private DomainConfigRules() {
    }

    public static boolean isSensitive(String group, String option) {
        return SENSITIVE.getOrDefault(group, Set.of()).contains(option);
    }

    /**
     * A group, or a group and an option, named in a path: 403 unless supported (a sensitive option is supported).
     * Null for both is the whole configuration.
     */
    public static void checkGroupAndOption(String group, String option) {
        if (group == null) {
            return;
        }
        if (!DEFAULTS.containsKey(group)) {
            throw invalid("Group " + group + " is not supported for domain specific configurations");
        }
        if (option != null && !DEFAULTS.get(group).containsKey(option) && !isSensitive(group, option)) {
            throw invalid("Option " + option + " in group " + group + " is not supported for domain specific"
                    + " configurations");
        }
    }

    /** A configuration sent to be stored: groups of options, each group a non-empty object, each option allowed. */
    public static void checkConfig(JsonNode config) {
        if (config == null || config.isNull() || config.isEmpty()) {
            throw invalid("No options specified");
        }
        if (!config.isObject()) {
            throw ApiException.badRequest("Expecting to find config in request body. The server could not comply with"
                    + " the request since it is either malformed or otherwise incorrect. The client is assumed to be"
                    + " in error.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> groups = config.fields(); groups.hasNext(); ) {
            Map.Entry<String, JsonNode> group = groups.next();
            if (!group.getValue().isObject() || group.getValue().isEmpty()) {
                throw invalid("The value of group " + group.getKey() + " specified in the config should be a"
                        + " dictionary of options");
            }
            for (Iterator<String> options = group.getValue().fieldNames(); options.hasNext(); ) {
                checkGroupAndOption(group.getKey(), options.next());
            }
        }
    }

    /**
     * The configuration an update through {@code config/{group}} or {@code config/{group}/{option}} sends: that
     * group (and that option) alone. Returns the update as groups of options.
     */
    public static JsonNode checkPartialUpdate(JsonNode body, String group, String option) {
        JsonNode config = body;
        if (group != null && option != null) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set(group, body == null ? NODES.objectNode() : body);
            config = wrapped;
        }
        checkConfig(config);
        checkGroupAndOption(group, option);
        if (group == null) {
            return config;
        }
        if (config.size() != 1 || (option != null && config.get(group) != null && config.get(group).size() != 1)) {
            throw invalid(option != null
                    ? "Trying to update option " + option + " in group " + group + ", so that, and only that, option"
                            + " must be specified  in the config"
                    : "Trying to update group " + group + ", so that, and only that, group must be specified in the"
                            + " config");
        }
        if (!config.has(group)) {
            throw invalid("request to update group " + group + ", but config provided contains group "
                    + config.fieldNames().next() + " instead");
        }
        if (option != null && !config.get(group).has(option)) {
            throw invalid("Trying to update option " + option + " in group " + group + ", but config provided"
                    + " contains option " + config.get(group).fieldNames().next() + " instead");
        }
        return config;
    }

    /** Keystone's defaults: of every group, of one group, or of one option ({@code {option: value}}). */
    public static Map<String, Object> defaults(String group, String option) {
        checkGroupAndOption(group, option);
        if (option != null) {
            if (!DEFAULTS.get(group).containsKey(option)) {
                throw invalid("Reading the default for option " + option + " in group " + group
                        + " is not supported");
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(option, DEFAULTS.get(group).get(option));
            return one;
        }
        if (group != null) {
            return Map.of(group, DEFAULTS.get(group));
        }
        return java.util.Collections.unmodifiableMap(DEFAULTS);
    }

    /** Keystone's 403 for a configuration it does not support. */
    public static ApiException invalid(String reason) {
        return ApiException.forbidden("Invalid domain specific configuration: " + reason + ".");
    }

    /** Python's truth of a stored value: null, false, 0, "" and empty lists or objects are false. */
    public static boolean truthy(String storedValue) {
        JsonNode value = read(storedValue);
        if (value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return !value.isEmpty();
    }

    public static JsonNode read(String storedValue) {
        try {
            return JSON.readTree(storedValue);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored domain config value is not JSON", e);
        }
    }

    public static String write(JsonNode value) {
        return value.toString();
    }

    private static Map<String, Map<String, Object>> defaults() {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("driver", "sql");
        identity.put("list_limit", null);
        Map<String, Object> ldap = new LinkedHashMap<>();
        ldap.put("url", "ldap://localhost");
        ldap.put("user", null);
        ldap.put("suffix", "cn=example,cn=com");
        ldap.put("query_scope", "one");
        ldap.put("page_size", 0);
        ldap.put("alias_dereferencing", "default");
        ldap.put("debug_level", null);
        ldap.put("chase_referrals", null);
        ldap.put("user_tree_dn", null);
        ldap.put("user_filter", null);
        ldap.put("user_objectclass", "inetOrgPerson");
        ldap.put("user_id_attribute", "cn");
        ldap.put("user_name_attribute", "sn");
        ldap.put("user_mail_attribute", "mail");
        ldap.put("user_description_attribute", "description");
        ldap.put("user_pass_attribute", "userPassword");
        ldap.put("user_enabled_attribute", "enabled");
        ldap.put("user_enabled_invert", false);
        ldap.put("user_enabled_mask", 0);
        ldap.put("user_enabled_default", "True");
        ldap.put("user_attribute_ignore", List.of("default_project_id"));
        ldap.put("user_default_project_id_attribute", null);
        ldap.put("user_enabled_emulation", false);
        ldap.put("user_enabled_emulation_dn", null);
        ldap.put("user_enabled_emulation_use_group_config", false);
        ldap.put("user_additional_attribute_mapping", List.of());
        ldap.put("group_tree_dn", null);
        ldap.put("group_filter", null);
        ldap.put("group_objectclass", "groupOfNames");
        ldap.put("group_id_attribute", "cn");
        ldap.put("group_name_attribute", "ou");
        ldap.put("group_members_are_ids", false);
        ldap.put("group_member_attribute", "member");
        ldap.put("group_desc_attribute", "description");
        ldap.put("group_attribute_ignore", List.of());
        ldap.put("group_additional_attribute_mapping", List.of());
        ldap.put("tls_cacertfile", null);
        ldap.put("tls_cacertdir", null);
        ldap.put("use_tls", false);
        ldap.put("tls_req_cert", "demand");
        ldap.put("use_pool", true);
        ldap.put("pool_size", 10);
        ldap.put("pool_retry_max", 3);
        ldap.put("pool_retry_delay", 0.1);
        ldap.put("pool_connection_timeout", -1);
        ldap.put("pool_connection_lifetime", 600);
        ldap.put("use_auth_pool", true);
        ldap.put("auth_pool_size", 100);
        ldap.put("auth_pool_connection_lifetime", 60);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        all.put("identity", java.util.Collections.unmodifiableMap(identity));
        all.put("ldap", java.util.Collections.unmodifiableMap(ldap));
        return java.util.Collections.unmodifiableMap(all);
    }
}
