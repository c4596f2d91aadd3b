package dev.stratus.identity.service;

import dev.stratus.identity.config.SecurityComplianceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v3/domains/default/config/security_compliance[/{option}]}: the password rules any user may read
 * (Keystone shows {@code password_regex} and {@code password_regex_description} of the default domain only).
 */
@ApplicationScoped
public class SecurityComplianceConfig {

    public static final String GROUP = "security_compliance";
    private static final List<String> READABLE = List.of("password_regex", "password_regex_description");

    private final SecurityComplianceSettings settings;

    public SecurityComplianceConfig(SecurityComplianceSettings settings) {
        this.settings = settings;
    }

    /**
     * The group ({@code {security_compliance: {...}}}) or one option ({@code {option: value}}). Keystone's reasons
     * for refusing end in a full stop of their own, so its messages end in two; so do these.
     */
    public Map<String, Object> show(String domainId, String option) {
        if (!Bootstrapper.DEFAULT_DOMAIN.equals(domainId)) {
            throw DomainConfigRules.invalid("Reading security compliance information for any domain other than the"
                    + " default domain is not allowed or supported.");
        }
        if (option != null && !READABLE.contains(option)) {
            throw DomainConfigRules.invalid("Reading security compliance values other than password_regex and"
                    + " password_regex_description is not allowed.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("password_regex", settings.passwordRegex().orElse(null));
        values.put("password_regex_description", settings.passwordRegexDescription().orElse(null));
        if (option != null) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(option, values.get(option));
            return one;
        }
        return Map.of(GROUP, values);
    }
}
