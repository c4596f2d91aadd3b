package dev.stratus.network.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Neutron takes a {@code .json} format suffix on any path ({@code /v2.0/quotas/{id}/details.json} is how
 * Tempest's and older clients ask): the suffix is dropped before routing, so both spellings reach the same
 * resource. JSON is the only format, as in Neutron since the XML API was removed.
 */
@Provider
@PreMatching
public class JsonFormatSuffix implements ContainerRequestFilter {

    private static final String SUFFIX = ".json";

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.endsWith(SUFFIX) && path.length() > SUFFIX.length()) {
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(path.substring(0, path.length() - SUFFIX.length()))
                    .build());
        }
    }
}
