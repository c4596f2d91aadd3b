package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.fault.FaultBodies;
import dev.stratus.common.fault.FaultStyle;
import dev.stratus.identity.service.AuthRequest;
import dev.stratus.identity.service.Catalog;
import dev.stratus.identity.service.InsufficientAuthMethods;
import dev.stratus.identity.service.TokenData;
import dev.stratus.identity.service.TokenService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v3/auth/tokens}: issue (password and token methods), validate, check and revoke. */
@Path("/v3/auth/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class AuthTokensResource {

    static final String SUBJECT_TOKEN = "X-Subject-Token";

    private final TokenService tokens;
    private final Catalog catalog;
    private final Policy policy;

    public AuthTokensResource(TokenService tokens, Catalog catalog, Policy policy) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.policy = policy;
    }

    @POST
    @PublicEndpoint
    @WithSession
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> issue(JsonNode body, @QueryParam("nocatalog") String noCatalog) {
        AuthRequest request = AuthRequest.parse(body);
        return tokens.issue(request)
                .chain(token -> render(token, noCatalog == null))
                .map(rendered -> Response.status(201).header(SUBJECT_TOKEN, rendered.token)
                        .entity(rendered.body).build())
                .onFailure(InsufficientAuthMethods.class)
                .recoverWithItem(e -> insufficient((InsufficientAuthMethods) e));
    }

    /**
     * Keystone answers a user short of its MFA rules with a 401 naming them in {@code required_auth_methods}; with
     * an auth receipt too, which this service does not issue, so the client sends all methods in one request.
     */
    private static Response insufficient(InsufficientAuthMethods e) {
        Map<String, Object> body = new LinkedHashMap<>(FaultBodies.body(FaultStyle.KEYSTONE, 401, e.getMessage(),
                null));
        body.put("required_auth_methods", e.required());
        return Response.status(401).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @GET
    @WithSession
    public Uni<Response> validate(@HeaderParam(SUBJECT_TOKEN) String subject,
            @QueryParam("nocatalog") String noCatalog) {
        return authorize(subject)
                .chain(() -> tokens.validate(subject))
                .chain(token -> render(token, noCatalog == null))
                .map(rendered -> Response.ok(rendered.body).header(SUBJECT_TOKEN, subject).build());
    }

    @HEAD
    @WithSession
    public Uni<Response> check(@HeaderParam(SUBJECT_TOKEN) String subject) {
        return authorize(subject)
                .chain(() -> tokens.validate(subject))
                .map(token -> Response.ok().header(SUBJECT_TOKEN, subject).build());
    }

    @DELETE
    public Uni<Response> revoke(@HeaderParam(SUBJECT_TOKEN) String subject) {
        return authorize(subject)
                .chain(() -> tokens.revoke(subject))
                .map(ignored -> Response.noContent().build());
    }

    /** Admins and services may look at any token; anyone may look at their own. */
    private Uni<Void> authorize(String subject) {
        AuthContext caller = policy.caller();
        if (Policy.adminOrService().test(caller)) {
            return Uni.createFrom().voidItem();
        }
        return tokens.subject(subject).invoke(token -> policy.enforce("identity:validate_token",
                c -> c.userId().equals(token.userId()))).replaceWithVoid();
    }

    private record Rendered(String token, Object body) {
    }

    private Uni<Rendered> render(TokenData token, boolean withCatalog) {
        if (!token.isScoped() || !withCatalog) {
            return Uni.createFrom().item(new Rendered(token.token(), TokenView.render(token, null)));
        }
        String projectId = token.project() == null ? null : token.project().id();
        return catalog.entriesFor(projectId)
                .map(entries -> new Rendered(token.token(), TokenView.render(token, entries)));
    }
}
