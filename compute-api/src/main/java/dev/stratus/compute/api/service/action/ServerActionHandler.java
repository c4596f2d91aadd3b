package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.service.ServerRebuilder;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** One action of {@code POST /servers/{id}/action}, chosen by its key in the body. */
public interface ServerActionHandler {

    /**
     * What an action answers: 202 without a body, 200 or 202 with one, 202 with a Location, or 202 with the
     * rebuilt server, which the resource renders for the caller's microversion.
     */
    record Outcome(int status, Map<String, Object> body, ServerRebuilder.Result rebuilt, URI location) {
        public static Outcome accepted() {
            return new Outcome(202, null, null, null);
        }

        public static Outcome ok(Map<String, Object> body) {
            return new Outcome(200, body, null, null);
        }

        public static Outcome accepted(Map<String, Object> body) {
            return new Outcome(202, body, null, null);
        }

        public static Outcome acceptedAt(URI location) {
            return new Outcome(202, null, null, location);
        }

        public static Outcome rebuilt(ServerRebuilder.Result result) {
            return new Outcome(202, null, result, null);
        }
    }

    /** The body keys this handler answers (e.g. {@code os-start}). */
    Set<String> keys();

    Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId);
}
