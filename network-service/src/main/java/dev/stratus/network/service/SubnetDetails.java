package dev.stratus.network.service;

import dev.stratus.network.persistence.SubnetRow;
import java.util.List;

/** A subnet and its tags. */
public record SubnetDetails(SubnetRow subnet, List<String> tags) {
}
