package dev.stratus.identity.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.service.Revocations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Keystone's {@code GET /v3/OS-REVOKE/events}: services starting up read the events they missed;
 * afterwards they follow the AMQP broadcast.
 */
@Path("/v3/OS-REVOKE/events")
@Produces(MediaType.APPLICATION_JSON)
public class RevokeEventsResource {

    private final Policy policy;
    private final Revocations revocations;

    public RevokeEventsResource(Policy policy, Revocations revocations) {
        this.policy = policy;
        this.revocations = revocations;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("since") String since) {
        policy.enforce("identity:list_revoke_events", Policy.adminOrService());
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid input for field 'since': expected an ISO 8601 time.");
        }
        return revocations.since(from).map(events -> Map.of("events", events));
    }
}
