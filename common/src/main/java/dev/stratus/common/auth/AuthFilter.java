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
    private final java.util.Optional<String> serviceType;

    public AuthFilter(TokenVerifier verifier, CurrentAuth current, AuthSettings settings) {
        this.verifier = verifier;
        this.current = current;
        this.serviceType = settings.serviceType();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (isPublic(resource)) {
            return Uni.createFrom().voidItem();
        }
        return verifier.verify(request.getHeaderString(TOKEN_HEADER))
                .invoke(context -> requireAllowedByAccessRules(context, request))
                .invoke(current::set)
                .replaceWithVoid();
    }

    /**
     * A token of an application credential with access rules may make only the requests they name, on the path
     * the client sent (before any rewriting), as keystonemiddleware enforces them.
     */
    private void requireAllowedByAccessRules(AuthContext context, ContainerRequestContext request) {
        if (context.accessRules().isEmpty()) {
            return;
        }
        String path = request.getUriInfo().getRequestUri().getPath();
        boolean allowed = serviceType.isPresent() && context.accessRules().stream()
                .anyMatch(rule -> rule.allows(serviceType.get(), request.getMethod(), path));
        if (!allowed) {
            throw dev.stratus.common.fault.ApiException.unauthorized("The request you have made is not allowed by"
                    + " the access rules of the application credential: " + request.getMethod() + " " + path + ".");
        }
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
