package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.persistence.InstanceDetails;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.service.ServerRebuilder;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import dev.stratus.compute.api.view.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code POST /servers/{id}/action}: dispatches on the body's single key to one handler per action. */
@ApplicationScoped
public class ServerActionsResource {

    private final Map<String, ServerActionHandler> handlers = new HashMap<>();
    private final Policy policy;
    private final RequestedMicroversion version;
    private final InstanceRepository instances;
    private final ServerViewContexts contexts;

    public ServerActionsResource(Instance<ServerActionHandler> all, Policy policy, RequestedMicroversion version,
            InstanceRepository instances, ServerViewContexts contexts) {
        for (ServerActionHandler h : all) {
            for (String key : h.keys()) {
                if (handlers.put(key, h) != null) {
                    throw new IllegalStateException("two handlers for server action " + key);
                }
            }
        }
        this.policy = policy;
        this.version = version;
        this.instances = instances;
        this.contexts = contexts;
    }

    Response dispatch(String serverId, JsonNode body, UriInfo uri) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badRequest("The request body must name exactly one action.");
        }
        Iterator<String> keys = body.fieldNames();
        String key = keys.next();
        ServerActionHandler handler = handlers.get(key);
        if (handler == null) {
            throw ApiException.badRequest("There is no such action: " + key);
        }
        ServerActionHandler.Outcome outcome = handler.handle(key, policy.caller(), serverId, body.get(key),
                version.get(), ServersResource.requestId());
        if (outcome.rebuilt() != null) {
            return Response.status(outcome.status()).entity(rebuilt(outcome.rebuilt(), uri)).build();
        }
        if (outcome.location() != null) {
            return Response.status(outcome.status()).location(outcome.location()).build();
        }
        return outcome.body() == null ? Response.status(outcome.status()).build()
                : Response.status(outcome.status()).entity(outcome.body()).build();
    }

    private Map<String, Object> rebuilt(ServerRebuilder.Result result, UriInfo uri) {
        InstanceDetails details = instances.details(List.of(result.instance()), true).get(0);
        Map<String, Object> server = ServerView.rebuild(details,
                contexts.of(policy.caller(), uri, version.atLeast("2.16")), version.get());
        server.put("adminPass", result.adminPass());
        return Map.of("server", server);
    }
}
