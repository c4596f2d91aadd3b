package dev.stratus.network.service;

import dev.stratus.network.persistence.SubnetPoolRow;
import java.util.List;

/** A subnet pool and its tags. */
public record SubnetPoolDetails(SubnetPoolRow pool, List<String> tags) {
}
