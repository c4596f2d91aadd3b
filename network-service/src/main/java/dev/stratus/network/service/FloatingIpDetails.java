package dev.stratus.network.service;

import dev.stratus.network.persistence.FloatingIpRow;
import dev.stratus.network.persistence.PortRow;
import java.util.List;

/** A floating IP, the port it is associated with (null when none) and its tags. */
public record FloatingIpDetails(FloatingIpRow floatingIp, PortRow port, List<String> tags) {
}
