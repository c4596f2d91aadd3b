package dev.stratus.identity.rest;

import jakarta.ws.rs.Path;

/**
 * {@code /v3/system/{users,groups}/{actor}/roles[/{role}]}: role grants on the system, kept and listed as
 * Keystone keeps them. Stratus issues no system-scoped tokens: its services check project roles.
 */
@Path("/v3/system")
public class SystemResource {

    @jakarta.inject.Inject
    GrantResource grants;

    @Path("users/{actorId}/roles")
    public GrantResource userGrants() {
        return grants;
    }

    @Path("groups/{actorId}/roles")
    public GrantResource groupGrants() {
        return grants;
    }
}
