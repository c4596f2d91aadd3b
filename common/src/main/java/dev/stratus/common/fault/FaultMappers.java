package dev.stratus.common.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stratus.common.web.ApiSettings;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an OpenStack fault body in the service's style, so that clients always get
 * a parseable error and never a stack trace or an HTML page.
 */
public class FaultMappers {

    private static final Logger LOG = Logger.getLogger(FaultMappers.class);

    private final ApiSettings settings;

    public FaultMappers(ApiSettings settings) {
        this.settings = settings;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder builder = fault(e.status(), e.getMessage(), e.type());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return fault(400, malformedMessage(e), null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return fault(400, malformedMessage(json), null).build();
        }
        Response.ResponseBuilder builder = fault(status, messageFor(status, e), null);
        if (status == 405) {
            e.getResponse().getHeaders().forEach((name, values) -> {
                if ("Allow".equalsIgnoreCase(name)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error while handling the request", e);
        return fault(500, "An unexpected error prevented the server from fulfilling your request.", null)
                .build();
    }

    private Response.ResponseBuilder fault(int status, String message, String type) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(FaultBodies.body(settings.faultStyle(), status, message, type));
    }

    private static String malformedMessage(JsonProcessingException e) {
        return "Malformed request body: " + e.getOriginalMessage();
    }

    private static String messageFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for the requested URL.";
            case 406 -> "The requested media type is not acceptable.";
            case 415 -> "The request media type is not supported; use application/json.";
            default -> e.getMessage() != null ? e.getMessage() : FaultBodies.reasonPhrase(status);
        };
    }
}
