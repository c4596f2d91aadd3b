package dev.stratus.identity.rest;

import dev.stratus.common.auth.PublicEndpoint;
import dev.stratus.common.auth.RemoteKeySource;
import dev.stratus.identity.service.SigningKeyRing;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public token verification keys (staged, primary and retired) that every service reads. */
@Path(RemoteKeySource.JWKS_PATH)
@PublicEndpoint
public class JwksResource {

    private final SigningKeyRing ring;

    public JwksResource(SigningKeyRing ring) {
        this.ring = ring;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response keys() {
        return Response.ok(ring.current().jwks()).header("Cache-Control", "max-age=60").build();
    }
}
