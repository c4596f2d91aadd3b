package dev.stratus.network.service;

import dev.stratus.network.persistence.PortRow;
import java.util.List;

/** A port and its tags. */
public record PortDetails(PortRow port, List<String> tags) {
}
