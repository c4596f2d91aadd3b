package dev.stratus.network.service;

import dev.stratus.network.persistence.NetworkRow;
import java.util.List;

/** A network with what its view shows besides its row: its subnets and tags. */
public record NetworkDetails(NetworkRow network, List<String> subnetIds, List<String> tags) {
}
