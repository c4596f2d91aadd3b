package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerShelver;
import dev.stratus.compute.api.view.ComputeVersions;
import java.util.Set;

/**
 * unshelve's body as each microversion takes it: not read before 2.77; {@code null} or
 * {@code {"availability_zone": name}} up to 2.90; from 2.91 {@code null} or an object with an optional
 * {@code availability_zone} (a name, or {@code null} to unpin the server) and an optional {@code host}.
 */
final class UnshelveBody {

    private UnshelveBody() {
    }

    static ServerShelver.Unshelve parse(JsonNode args, ApiVersion version) {
        if (args == null || args.isNull() || !(ComputeVersions.UNSHELVE_ZONE.contains(version)
                || ComputeVersions.UNSHELVE_TO_HOST.contains(version))) {
            return ServerShelver.Unshelve.ANYWHERE;
        }
        if (!args.isObject()) {
            throw Bodies.invalid("unshelve", args, "is not of type 'object', 'null'");
        }
        if (ComputeVersions.UNSHELVE_ZONE.contains(version)) {
            Bodies.onlyKnown(args, Set.of("availability_zone"));
            return new ServerShelver.Unshelve(true, Bodies.requiredString(args, "availability_zone", 1, 255), null);
        }
        Bodies.onlyKnown(args, Set.of("availability_zone", "host"));
        JsonNode zone = args.get("availability_zone");
        if (zone != null && !zone.isNull() && !zone.isTextual()) {
            throw Bodies.invalid("availability_zone", zone, "is not valid under any of the given schemas");
        }
        JsonNode host = args.get("host");
        if (host != null && !host.isTextual()) {
            throw Bodies.invalid("host", host, "is not of type 'string'");
        }
        return new ServerShelver.Unshelve(zone != null, zone == null || zone.isNull() ? null : zone.asText(),
                host == null ? null : host.asText());
    }
}
