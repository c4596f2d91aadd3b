package dev.stratus.identity.service;

import dev.stratus.common.fault.PythonRepr;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.UserEntity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keystone's user options ({@code keystone.identity.backends.resource_options}): per-user exemptions from
 * {@code [security_compliance]} and the multi-factor authentication rules. A request's {@code options} are checked
 * as Keystone's JSON schema checks them (all nullable; a null removes the option; any other name is refused), with
 * jsonschema's messages. Immutable; stored as a JSON object in {@code identity_user.options}.
 */
public final class UserOptions {

    public static final String IGNORE_CHANGE_PASSWORD_UPON_FIRST_USE = "ignore_change_password_upon_first_use";
    public static final String IGNORE_PASSWORD_EXPIRY = "ignore_password_expiry";
    public static final String IGNORE_LOCKOUT_FAILURE_ATTEMPTS = "ignore_lockout_failure_attempts";
    public static final String LOCK_PASSWORD = "lock_password";
    public static final String MULTI_FACTOR_AUTH_RULES = "multi_factor_auth_rules";
    public static final String MULTI_FACTOR_AUTH_ENABLED = "multi_factor_auth_enabled";

    /** In Keystone's registration order, which is the order its schema checks them in. */
    private static final List<String> NAMES = List.of(IGNORE_CHANGE_PASSWORD_UPON_FIRST_USE, IGNORE_PASSWORD_EXPIRY,
            IGNORE_LOCKOUT_FAILURE_ATTEMPTS, LOCK_PASSWORD, MULTI_FACTOR_AUTH_RULES, MULTI_FACTOR_AUTH_ENABLED);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserOptions NONE = new UserOptions(Map.of());

    private final Map<String, Object> values;

    private UserOptions(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static UserOptions none() {
        return NONE;
    }

    public static UserOptions of(UserEntity user) {
        return fromColumn(user.options);
    }

    public static UserOptions fromColumn(String column) {
        if (column == null || column.isEmpty()) {
            return NONE;
        }
        try {
            return new UserOptions(JSON.readValue(column, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored user options are not JSON", e);
        }
    }

    /** The column's value: null when no option is set. */
    public String toColumn() {
        if (values.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code options} of the user's view: the options set, by name. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isSet(String booleanOption) {
        return Boolean.TRUE.equals(values.get(booleanOption));
    }

    /** Whether MFA rules apply: Keystone enforces them unless {@code multi_factor_auth_enabled} is false. */
    public boolean multiFactorAuthEnabled() {
        return !Boolean.FALSE.equals(values.get(MULTI_FACTOR_AUTH_ENABLED));
    }

    @SuppressWarnings("unchecked")
    public List<List<String>> multiFactorAuthRules() {
        Object rules = values.get(MULTI_FACTOR_AUTH_RULES);
        return rules instanceof List<?> list ? (List<List<String>>) list : List.of();
    }

    /**
     * These options with a request's {@code options} applied: each option given is set, or removed when null.
     *
     * @param path where the options are in the request, for the 400's {@code Invalid input for field '<path>'}
     */
    public UserOptions with(JsonNode requested, String path) {
        if (requested == null || !requested.isObject()) {
            throw schema(path, PythonRepr.of(requested) + " is not of type 'object'");
        }
        for (String name : NAMES) {
            JsonNode value = requested.get(name);
            if (value != null && !value.isNull()) {
                validate(name, value, path + "/" + name);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (Iterator<String> it = requested.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!NAMES.contains(name)) {
                unexpected.add("'" + name + "'");
            }
        }
        if (!unexpected.isEmpty()) {
            Collections.sort(unexpected); // jsonschema names them sorted
            throw schema(path, "Additional properties are not allowed (" + String.join(", ", unexpected)
                    + (unexpected.size() == 1 ? " was" : " were") + " unexpected)");
        }
        Map<String, Object> merged = new LinkedHashMap<>(values);
        for (Iterator<Map.Entry<String, JsonNode>> it = requested.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            if (option.getValue().isNull()) {
                merged.remove(option.getKey());
            } else {
                merged.put(option.getKey(), JSON.convertValue(option.getValue(), Object.class));
            }
        }
        return new UserOptions(merged);
    }

    private static void validate(String name, JsonNode value, String path) {
        if (!MULTI_FACTOR_AUTH_RULES.equals(name)) {
            if (!value.isBoolean()) {
                throw schema(path, PythonRepr.of(value) + " is not of type 'boolean', 'null'");
            }
            return;
        }
        if (!value.isArray()) {
            throw schema(path, PythonRepr.of(value) + " is not of type 'array', 'null'");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode rule = value.get(i);
            String rulePath = path + "/" + i;
            if (!rule.isArray()) {
                throw schema(rulePath, PythonRepr.of(rule) + " is not of type 'array'");
            }
            for (int j = 0; j < rule.size(); j++) {
                if (!rule.get(j).isTextual()) {
                    throw schema(rulePath + "/" + j, PythonRepr.of(rule.get(j)) + " is not of type 'string'");
                }
            }
            if (rule.isEmpty()) {
                throw schema(rulePath, "[] should be non-empty");
            }
            if (!unique(rule)) {
                throw schema(rulePath, PythonRepr.of(rule) + " has non-unique elements");
            }
        }
        if (!unique(value)) {
            throw schema(path, PythonRepr.of(value) + " has non-unique elements");
        }
    }

    private static boolean unique(JsonNode array) {
        Set<JsonNode> seen = new HashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(item)) {
                return false;
            }
        }
        return true;
    }

    private static ApiException schema(String path, String message) {
        return ApiException.badRequest("Invalid input for field '" + path + "': " + message);
    }
}
