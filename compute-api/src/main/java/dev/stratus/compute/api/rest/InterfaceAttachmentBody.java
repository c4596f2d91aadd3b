package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.iface.AttachRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST os-interface} by Nova's schema: {@code interfaceAttachment} (optional, as the whole
 * body) with {@code net_id}, {@code port_id} (UUIDs), {@code fixed_ips} (one {@code ip_address}) and, from 2.49,
 * {@code tag}; nothing else. Both a network and a port, or an address without a network, are 400s.
 */
final class InterfaceAttachmentBody {

    private static final Pattern TAG = Pattern.compile("^[^,/]*$");
    private static final String KEY = "interfaceAttachment";

    private InterfaceAttachmentBody() {
    }

    static AttachRequest read(JsonNode body, ApiVersion version) {
        if (body == null || body.isNull() || body.isObject() && body.isEmpty()) {
            return new AttachRequest(null, null, null, null);
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("The request body is not a JSON object.");
        }
        Bodies.onlyKnown(body, Set.of(KEY));
        JsonNode a = body.get(KEY);
        if (!a.isObject()) {
            throw Bodies.invalid(KEY, a, "is not of type 'object'");
        }
        Set<String> known = new HashSet<>(Set.of("net_id", "port_id", "fixed_ips"));
        if (version.atLeast("2.49")) {
            known.add("tag");
        }
        Bodies.onlyKnown(a, known);
        String net = uuid(a, "net_id");
        String port = uuid(a, "port_id");
        String ip = fixedIp(a.get("fixed_ips"));
        String tag = a.has("tag") ? tag(a.get("tag")) : null;
        if (net != null && port != null) {
            throw ApiException.badRequest("Must not input both network_id and port_id");
        }
        if (ip != null && net == null) {
            throw ApiException.badRequest("Must input network_id when request IP address");
        }
        return new AttachRequest(net, port, ip, tag);
    }

    private static String uuid(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !Bodies.isUuid(v.asText())) {
            throw Bodies.invalid(field, v, "is not a 'uuid'");
        }
        return v.asText();
    }

    private static String fixedIp(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw Bodies.invalid("fixed_ips", v, "is not of type 'array'");
        }
        if (v.size() != 1) {
            throw Bodies.invalid("fixed_ips", v, v.isEmpty() ? "is too short" : "is too long");
        }
        JsonNode entry = v.get(0);
        if (!entry.isObject()) {
            throw Bodies.invalid("fixed_ips/0", entry, "is not of type 'object'");
        }
        Bodies.onlyKnown(entry, Set.of("ip_address"));
        String ip = Bodies.requiredString(entry, "ip_address", 0, Integer.MAX_VALUE);
        if (!AccessAddresses.isIpv4(ip) && !AccessAddresses.isIpv6(ip)) {
            throw Bodies.invalid("ip_address", entry.get("ip_address"), "is not valid under any of the given schemas");
        }
        return ip;
    }

    private static String tag(JsonNode v) {
        String tag = Bodies.string(v, "tag", 1, 60);
        if (!TAG.matcher(tag).matches()) {
            throw Bodies.invalid("tag", v, "does not match '^[^,/]*$'");
        }
        return tag;
    }
}
