package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.LiveMover;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code os-migrateLive} with Nova's schemas: {@code host} (a name or null), {@code block_migration} and
 * {@code disk_over_commit} (booleans) all required before 2.25; from 2.25 {@code block_migration} may be
 * {@code "auto"} and {@code disk_over_commit} is gone; {@code force} from 2.30 to 2.67. 202 without a body. A named
 * host is forced (it bypasses the scheduler's filters) below 2.30 and with {@code "force": true}, as in Nova.
 */
@ApplicationScoped
class ServerLiveMigrateAction implements ServerActionHandler {

    private static final String KEY = "os-migrateLive";

    private final LiveMover mover;

    ServerLiveMigrateAction(LiveMover mover) {
        this.mover = mover;
    }

    @Override
    public Set<String> keys() {
        return Set.of(KEY);
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        if (args == null || !args.isObject()) {
            throw Bodies.invalid(KEY, args, "is not of type 'object'");
        }
        boolean v225 = version.atLeast("2.25");
        boolean forceAllowed = version.atLeast("2.30") && !version.atLeast("2.68");
        Set<String> known = new HashSet<>(Set.of("host", "block_migration"));
        if (!v225) {
            known.add("disk_over_commit");
        }
        if (forceAllowed) {
            known.add("force");
        }
        Bodies.onlyKnown(args, known);
        required(args, "block_migration");
        required(args, "host");
        if (!v225) {
            required(args, "disk_over_commit");
            Bodies.bool(args, "disk_over_commit");
        }
        JsonNode block = args.get("block_migration");
        if (block.isNull()) {
            throw Bodies.invalid("block_migration", block, "is not of type 'boolean', 'string'");
        }
        if (!(v225 && block.isTextual() && "auto".equals(block.asText()))) {
            // Every live migration copies the disks here (the hosts share no storage): the answer does not change it.
            Bodies.bool(args, "block_migration");
        }
        String host = Bodies.optionalString(args, "host", 1, 255);
        boolean forceAsked = forceAllowed && Boolean.TRUE.equals(Bodies.bool(args, "force"));
        if (forceAsked && host == null) {
            throw ApiException.badRequest("Can't force to a non-provided destination");
        }
        // As Nova: before 2.30 a named host is a forced one (the scheduler is bypassed); from 2.30 only with
        // "force": true, and from 2.68 never.
        boolean force = host != null && (!version.atLeast("2.30") || forceAsked);
        mover.liveMigrate(caller, serverId, host, force, requestId);
        return Outcome.accepted();
    }

    private static void required(JsonNode args, String field) {
        if (!args.has(field)) {
            throw ApiException.badRequest("Invalid input for field/attribute " + KEY + ". Value: " + args + ". '"
                    + field + "' is a required property");
        }
    }
}
