package dev.stratus.network.service;

import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRow;
import java.util.List;

/** A router with its gateway port's addresses and its tags. */
public record RouterDetails(RouterRow router, List<FixedIp> gatewayIps, List<String> tags) {
}
