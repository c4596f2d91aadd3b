package dev.stratus.compute.api.rest;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.HostStatuses;
import dev.stratus.compute.api.view.Links;
import dev.stratus.compute.api.view.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/** The {@link ServerView.Context} of a request: its link base, whether the caller is admin, host statuses. */
@ApplicationScoped
class ServerViewContexts {

    private final ApiSettings api;
    private final HostStatuses hostStatuses;

    ServerViewContexts(ApiSettings api, HostStatuses hostStatuses) {
        this.api = api;
        this.hostStatuses = hostStatuses;
    }

    /** @param hostStatus whether the microversion shows host_status (2.16) */
    ServerView.Context of(AuthContext caller, UriInfo uri, boolean hostStatus) {
        boolean admin = ComputeRules.isAdmin(caller);
        Function<String, String> statuses = admin && hostStatus ? hostStatuses.snapshot() : h -> "UNKNOWN";
        return new ServerView.Context(Links.base(api, uri), admin, statuses);
    }
}
