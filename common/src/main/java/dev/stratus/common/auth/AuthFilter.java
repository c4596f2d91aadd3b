package dev.stratus.common.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Authenticates every request from the token in {@code X-Auth-Token} (no scheme, as OpenStack clients
 * send it), except on resources marked {@link PublicEndpoint}.
 */
public class AuthFilter {

    public static final String TOKEN_HEADER = "X-Auth-Token";

    private final TokenVerifier verifier;
    private final CurrentAuth current;

    public AuthFilter(TokenVerifier verifier, CurrentAuth current) {
        this.verifier = verifier;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (isPublic(resource)) {
            return Uni.createFrom().voidItem();
        }
        return verifier.verify(request.getHeaderString(TOKEN_HEADER))
                .invoke(current::set)
                .replaceWithVoid();
    }

    private static boolean isPublic(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        if (resource.getResourceClass().isAnnotationPresent(PublicEndpoint.class)) {
            return true;
        }
        try {
            return resource.getResourceClass()
                    .getMethod(resource.getMethodName(), resource.parameterTypes())
                    .isAnnotationPresent(PublicEndpoint.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
