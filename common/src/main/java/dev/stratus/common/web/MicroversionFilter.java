package dev.stratus.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Negotiates the microversion of every versioned request and echoes it, with {@code Vary}, on the
 * response. Does nothing for services configured without microversions.
 */
public class MicroversionFilter {

    private static final String PROPERTY = "stratus.microversion";

    private final Optional<ApiSettings.MicroversionSettings> settings;
    private final Optional<MicroversionNegotiator> negotiator;
    private final RequestedMicroversion requested;

    public MicroversionFilter(ApiSettings api, RequestedMicroversion requested) {
        this.settings = api.microversion();
        this.negotiator = settings.map(s -> new MicroversionNegotiator(
                s.serviceType(), ApiVersion.parse(s.min()), ApiVersion.parse(s.max())));
        this.requested = requested;
    }

    @ServerRequestFilter(preMatching = true, priority = 10)
    public void negotiate(ContainerRequestContext request) {
        if (settings.isEmpty() || !request.getUriInfo().getPath().startsWith(settings.get().pathPrefix().orElse("/"))) {
            return;
        }
        String legacy = settings.get().legacyHeader().map(request::getHeaderString).orElse(null);
        ApiVersion version = negotiator.get().negotiate(
                request.getHeaderString(MicroversionNegotiator.HEADER), legacy);
        requested.set(version);
        request.setProperty(PROPERTY, version);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object version = request.getProperty(PROPERTY);
        if (settings.isEmpty() || version == null) {
            return;
        }
        var s = settings.get();
        response.getHeaders().putSingle(MicroversionNegotiator.HEADER, s.serviceType() + " " + version);
        StringBuilder vary = new StringBuilder(MicroversionNegotiator.HEADER);
        s.legacyHeader().ifPresent(h -> {
            response.getHeaders().putSingle(h, version.toString());
            vary.append(", ").append(h);
        });
        response.getHeaders().add("Vary", vary.toString());
    }
}
