package dev.stratus.network.service;

import java.util.List;

/** What add/remove_router_interface answer: the router, the interface port, its subnets and network. */
public record RouterInterface(String routerId, String projectId, String portId, String subnetId,
        List<String> subnetIds, String networkId) {
}
