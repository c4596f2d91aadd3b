package dev.stratus.scheduler.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.service.CandidateRequest;
import dev.stratus.scheduler.service.ProviderQuery;
import dev.stratus.scheduler.service.StandardTraits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Placement's query strings (resources=, required=, member_of=, request groups) per microversion. */
@ApplicationScoped
public class PlacementQueries {

    private static final Pattern GROUPED = Pattern.compile("^(resources|required|member_of)([1-9][0-9]*)$");

    private final PlacementVersions versions;

    public PlacementQueries(PlacementVersions versions) {
        this.versions = versions;
    }

    /** A provider uuid from the path: anything else is a 404, as Placement answers. */
    static UUID providerUuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            if (uuid.toString().equalsIgnoreCase(text)) {
                return uuid;
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to 404
        }
        throw ApiException.notFound("No resource provider with uuid " + text + " found");
    }

    public ProviderQuery providerQuery(MultivaluedMap<String, String> params) {
        Set<String> allowed = new TreeSet<>(List.of("name", "uuid"));
        if (versions.atLeast("1.3")) {
            allowed.add("member_of");
        }
        if (versions.atLeast("1.4")) {
            allowed.add("resources");
        }
        if (versions.atLeast("1.14")) {
            allowed.add("in_tree");
        }
        if (versions.atLeast("1.18")) {
            allowed.add("required");
        }
        for (String key : params.keySet()) {
            if (!allowed.contains(key)) {
                throw ApiException.badRequest("Invalid query string parameters: '" + key + "' was unexpected");
            }
        }
        String name = params.getFirst("name");
        UUID uuid = params.containsKey("uuid") ? queryUuid(params.getFirst("uuid"), "uuid") : null;
        UUID inTree = params.containsKey("in_tree") ? queryUuid(params.getFirst("in_tree"), "in_tree") : null;
        List<Set<UUID>> memberOf = memberOf(params.get("member_of"));
        Map<String, Long> resources = params.containsKey("resources") ? resources(params.getFirst("resources"))
                : Map.of();
        Set<String> required = new TreeSet<>();
        Set<String> forbidden = new TreeSet<>();
        if (params.containsKey("required")) {
            traits(params.getFirst("required"), required, forbidden);
        }
        return new ProviderQuery(name, uuid, inTree, memberOf, Set.of(), resources, required, forbidden);
    }

    public CandidateRequest candidateRequest(MultivaluedMap<String, String> params) {
        Map<String, Long> resources = new TreeMap<>();
        Set<String> required = new TreeSet<>();
        Set<String> forbidden = new TreeSet<>();
        List<Set<UUID>> memberOf = new ArrayList<>();
        Set<String> numbered = new TreeSet<>();
        Integer limit = null;
        String groupPolicy = null;
        for (var e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().get(0);
            Matcher grouped = GROUPED.matcher(key);
            if (grouped.matches() && versions.atLeast("1.25")) {
                numbered.add(grouped.group(2));
                key = grouped.group(1);
            }
            switch (key) {
                case "resources" -> resources(value).forEach((rc, n) -> resources.merge(rc, n, Long::sum));
                case "required" -> {
                    if (!versions.atLeast("1.17")) {
                        throw unexpected(key);
                    }
                    traits(value, required, forbidden);
                }
                case "member_of" -> {
                    if (!versions.atLeast("1.21")) {
                        throw unexpected(key);
                    }
                    memberOf.addAll(memberOf(e.getValue()));
                }
                case "limit" -> {
                    if (!versions.atLeast("1.16")) {
                        throw unexpected(key);
                    }
                    limit = positive(value, "limit");
                }
                case "group_policy" -> {
                    if (!versions.atLeast("1.25")) {
                        throw unexpected(key);
                    }
                    if (!value.equals("none") && !value.equals("isolate")) {
                        throw ApiException.badRequest("Invalid query string parameters: group_policy must be one of"
                                + " 'none' or 'isolate'");
                    }
                    groupPolicy = value;
                }
                default -> throw unexpected(e.getKey());
            }
        }
        if (resources.isEmpty()) {
            throw ApiException.badRequest(versions.atLeast("1.25")
                    ? "At least one request group (`resources` or `resources{N}`) is required."
                    : "Invalid query string parameters: 'resources' is a required property");
        }
        if (numbered.size() > 1 && groupPolicy == null) {
            throw ApiException.badRequest("The \"group_policy\" parameter is required when specifying more than one"
                    + " \"resources{N}\" parameter.");
        }
        int isolated = "isolate".equals(groupPolicy) ? numbered.size() : 0;
        return new CandidateRequest(resources, required, forbidden, memberOf, isolated, limit);
    }

    private static ApiException unexpected(String key) {
        return ApiException.badRequest("Invalid query string parameters: '" + key + "' was unexpected");
    }

    private static int positive(String value, String what) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiException.badRequest("Invalid query string parameters: " + what + " must be a positive integer");
    }

    private static UUID queryUuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest("Invalid query string parameters: Expected '" + what + "' parameter to be a"
                    + " format of uuid. Got: " + text);
        }
    }

    /** {@code VCPU:2,MEMORY_MB:1024}. */
    static Map<String, Long> resources(String text) {
        Map<String, Long> resources = new LinkedHashMap<>();
        String bad = "Badly formed resources parameter. Expected resources query string parameter in form:"
                + " ?resources=VCPU:2,MEMORY_MB:1024. Got: " + text + ".";
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(bad);
        }
        for (String part : text.split(",")) {
            String[] kv = part.split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw ApiException.badRequest(bad);
            }
            long amount;
            try {
                amount = Long.parseLong(kv[1].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(bad);
            }
            if (amount < 1) {
                throw ApiException.badRequest("Requested resource " + kv[0].trim() + " expected positive integer"
                        + " amount. Got: " + kv[1].trim() + ".");
            }
            if (resources.put(kv[0].trim(), amount) != null) {
                throw ApiException.badRequest("Invalid query string parameters: resource class " + kv[0].trim()
                        + " repeated");
            }
        }
        return resources;
    }

    private void traits(String text, Set<String> required, Set<String> forbidden) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("Invalid query string parameters: Expected 'required' parameter value of the"
                    + " form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty value.");
        }
        for (String raw : text.split(",")) {
            String trait = raw.trim();
            boolean not = trait.startsWith("!") && versions.atLeast("1.22");
            String name = not ? trait.substring(1) : trait;
            if (!StandardTraits.isValidName(name)) {
                throw ApiException.badRequest("Invalid query string parameters: Expected 'required' parameter value of"
                        + " the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + text);
            }
            (not ? forbidden : required).add(name);
        }
        Set<String> both = new TreeSet<>(required);
        both.retainAll(forbidden);
        if (!both.isEmpty()) {
            throw ApiException.badRequest("Conflicting required and forbidden traits found in the following traits"
                    + " keys: " + both);
        }
    }

    /** {@code member_of=AGG} or {@code member_of=in:AGG1,AGG2}; several only from 1.24. */
    private List<Set<UUID>> memberOf(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        if (values.size() > 1 && !versions.atLeast("1.24")) {
            throw ApiException.badRequest("Invalid query string parameters: Multiple member_of parameters are not"
                    + " supported before microversion 1.24");
        }
        List<Set<UUID>> groups = new ArrayList<>();
        for (String value : values) {
            String list = value.startsWith("in:") ? value.substring(3) : value;
            Set<UUID> anyOf = new TreeSet<>();
            for (String part : list.split(",")) {
                try {
                    anyOf.add(UUID.fromString(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("Invalid query string parameters: Expected 'member_of' parameter to"
                            + " contain valid UUID(s). Got: " + part.trim());
                }
            }
            if (!value.startsWith("in:") && anyOf.size() > 1) {
                throw ApiException.badRequest("Invalid query string parameters: Expected 'member_of' parameter with"
                        + " several values to start with 'in:'. Got: " + value);
            }
            groups.add(anyOf);
        }
        return groups;
    }
}
