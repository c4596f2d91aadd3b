package dev.stratus.compute.api.rest;

import static dev.stratus.common.web.VersionRange.since;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import dev.stratus.compute.api.service.Hostnames;
import dev.stratus.compute.api.service.ServerUpdate;
import java.util.Iterator;
import java.util.Map;

/** The {@code PUT /servers/{id}} request schema per microversion. */
final class ServerUpdateBody {

    private static final Map<String, VersionRange> FIELDS = Map.of("name", since("2.1"), "accessIPv4", since("2.1"),
            "accessIPv6", since("2.1"), "OS-DCF:diskConfig", since("2.1"), "description", since("2.19"),
            "hostname", since("2.90"));

    private ServerUpdateBody() {
    }

    static ServerUpdate parse(JsonNode body, ApiVersion version) {
        JsonNode s = Bodies.root(body, "server");
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String field = it.next();
            VersionRange range = FIELDS.get(field);
            if (range == null || !range.contains(version)) {
                throw ApiException.badRequest("Invalid input for field/attribute server. Additional properties are"
                        + " not allowed ('" + field + "' was unexpected)");
            }
        }
        String name = Bodies.name(s, "name", 255, false);
        String description = s.has("description") ? Bodies.optionalString(s, "description", 0, 255) : null;
        String hostname = Bodies.optionalString(s, "hostname", 1, 63);
        if (hostname != null && !Hostnames.valid(hostname)) {
            throw Bodies.invalid("hostname", s.get("hostname"), "does not match the hostname pattern");
        }
        String v4 = AccessAddresses.ipv4(s);
        String v6 = AccessAddresses.ipv6(s);
        String disk = Bodies.diskConfig(s);
        return new ServerUpdate(name, s.has("description"), description, hostname, v4, v6, disk);
    }
}
