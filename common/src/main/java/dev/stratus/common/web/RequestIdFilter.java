package dev.stratus.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id ({@code req-<uuid>}, as OpenStack does), puts it in the logging context so
 * every log line of the request carries it, and returns it in the configured response headers.
 */
public class RequestIdFilter {

    public static final String PROPERTY = "stratus.request-id";
    public static final String MDC_KEY = "request_id";

    private final ApiSettings settings;

    public RequestIdFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        String id = "req-" + UUID.randomUUID();
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            for (String header : settings.requestIdHeaders()) {
                response.getHeaders().putSingle(header, id);
            }
        }
    }

    /** The id of the request being served on this context, for messages sent on its behalf. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id != null ? id.toString() : null;
    }
}
