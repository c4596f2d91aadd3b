package dev.stratus.compute.api.rest;

import static dev.stratus.common.web.VersionRange.between;
import static dev.stratus.common.web.VersionRange.since;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import dev.stratus.compute.api.service.Hostnames;
import dev.stratus.compute.api.service.ServerRebuild;
import dev.stratus.compute.api.view.Links;
import java.util.Iterator;
import java.util.Map;

/** The {@code rebuild} action's schema per microversion, with Nova's 400 messages. */
final class ServerRebuildBody {

    private static final Map<String, VersionRange> FIELDS = Map.ofEntries(
            Map.entry("imageRef", since("2.1")), Map.entry("name", since("2.1")),
            Map.entry("adminPass", since("2.1")), Map.entry("metadata", since("2.1")),
            Map.entry("preserve_ephemeral", since("2.1")), Map.entry("OS-DCF:diskConfig", since("2.1")),
            Map.entry("accessIPv4", since("2.1")), Map.entry("accessIPv6", since("2.1")),
            Map.entry("personality", between("2.1", "2.56")), Map.entry("description", since("2.19")),
            Map.entry("key_name", since("2.54")), Map.entry("user_data", since("2.57")),
            Map.entry("trusted_image_certificates", since("2.63")), Map.entry("hostname", since("2.90")));


    private ServerRebuildBody() {
    }

    static ServerRebuild parse(JsonNode r, ApiVersion version) {
        if (r == null || !r.isObject()) {
            throw Bodies.invalid("rebuild", r, "is not of type 'object'");
        }
        for (Iterator<String> it = r.fieldNames(); it.hasNext();) {
            String field = it.next();
            VersionRange range = FIELDS.get(field);
            if (range == null || !range.contains(version)) {
                throw ApiException.badRequest("Invalid input for field/attribute rebuild. Additional properties are"
                        + " not allowed ('" + field + "' was unexpected)");
            }
        }
        String imageRef = Bodies.requiredString(r, "imageRef", 0, 2048);
        if (!Bodies.isUuid(Links.idOf(imageRef))) {
            throw ApiException.badRequest("Invalid imageRef provided.");
        }
        JsonNode certificates = r.get("trusted_image_certificates");
        if (certificates != null && !certificates.isNull()) {
            throw ApiException.badRequest("Image signature certificate validation is not supported by this cloud.");
        }
        String name = Bodies.name(r, "name", 255, false);
        String adminPass = Bodies.optionalString(r, "adminPass", 0, 255);
        Map<String, String> metadata = r.has("metadata") ? Bodies.stringMap(r.get("metadata"), "metadata") : null;
        Boolean preserve = Bodies.bool(r, "preserve_ephemeral");
        String description = r.has("description") ? Bodies.optionalString(r, "description", 0, 255) : null;
        String keyName = Bodies.optionalString(r, "key_name", 1, 255);
        String userData = UserData.check(r.get("user_data"));
        String hostname = Bodies.optionalString(r, "hostname", 1, 63);
        if (hostname != null && !Hostnames.valid(hostname)) {
            throw Bodies.invalid("hostname", r.get("hostname"), "does not match the hostname pattern");
        }
        return new ServerRebuild(imageRef, name, adminPass, metadata, AccessAddresses.ipv4(r), AccessAddresses.ipv6(r),
                Bodies.diskConfig(r), Boolean.TRUE.equals(preserve), r.has("description"), description,
                r.has("key_name"), keyName, r.has("user_data"), userData, hostname,
                Personality.parse(r.get("personality")));
    }
}
