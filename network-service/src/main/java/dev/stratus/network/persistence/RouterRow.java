package dev.stratus.network.persistence;

import dev.stratus.network.api.StructuredValues.Route;
import java.util.List;

/** A router with its extra routes. The gateway is {@code gwPortId} on {@code gwNetworkId}, both null without one. */
public record RouterRow(String id, String projectId, String name, boolean adminStateUp, String status,
        String gwPortId, String gwNetworkId, boolean enableSnat, List<Route> routes, StandardAttributes standard) {
}
