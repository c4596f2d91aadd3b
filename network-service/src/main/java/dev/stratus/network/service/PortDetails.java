package dev.stratus.network.service;

import dev.stratus.network.api.ExtraDhcpOpt;
import dev.stratus.network.persistence.PortRow;
import java.util.List;

/** A port with its tags and its extra DHCP options. */
public record PortDetails(PortRow port, List<String> tags, List<ExtraDhcpOpt> extraDhcpOpts) {
}
