package dev.stratus.network.rest;

import dev.stratus.common.fault.FaultBodies;
import dev.stratus.common.fault.FaultStyle;
import dev.stratus.common.persistence.PersistenceFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A statement that lost a race with another request (the row it refers to was deleted meanwhile, a unique key was
 * taken, a deadlock was broken) is a 409 the client can retry, not a 500; the transaction was rolled back whole.
 * Anything else from the database stays a 500.
 */
public class ConcurrencyFaults {

    private static final Logger LOG = Logger.getLogger(ConcurrencyFaults.class);
    /** Foreign key and unique violations, deadlock, serialization failure. */
    private static final Set<String> RACES = Set.of("23503", "23505", "40P01", "40001");

    @ServerExceptionMapper
    public Response persistence(PersistenceFailure e) {
        String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && RACES.contains(state)) {
            LOG.infof("Request lost a race with another one (SQL state %s): %s", state, e.getMessage());
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(FaultBodies.body(FaultStyle.NEUTRON,
                    409, "The request conflicted with a concurrent change of the same resources; it was not applied "
                            + "and can be retried.", "Conflict")).build();
        }
        LOG.error("Database failure while handling the request", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE).entity(FaultBodies.body(FaultStyle.NEUTRON,
                500, "Request Failed: internal server error while processing your request.",
                "HTTPInternalServerError")).build();
    }
}
