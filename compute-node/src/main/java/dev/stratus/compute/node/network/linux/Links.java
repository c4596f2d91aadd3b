package dev.stratus.compute.node.network.linux;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.plan.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the interfaces of the host or of a namespace, two {@code ip -json} calls for all of them. */
public final class Links {

    private final HostShell shell;

    public Links(HostShell shell) {
        this.shell = shell;
    }

    /** Every interface of {@code namespace} (null: the host) by name. */
    public Map<String, Link> all(String namespace) throws HostNetworkingException {
        JsonNode details = shell.ipJson(namespace, "-d", "link", "show");
        JsonNode addressed = shell.ipJson(namespace, "addr", "show");
        Map<String, List<IpPrefix>> addresses = new LinkedHashMap<>();
        for (JsonNode link : addressed) {
            List<IpPrefix> list = new ArrayList<>();
            for (JsonNode info : link.path("addr_info")) {
                String local = info.path("local").asText(null);
                if (local == null) {
                    continue;
                }
                list.add(IpPrefix.parse(local + "/" + info.path("prefixlen").asInt()));
            }
            addresses.put(link.path("ifname").asText(), list);
        }
        Map<String, Link> links = new LinkedHashMap<>();
        for (JsonNode link : details) {
            String name = link.path("ifname").asText();
            boolean up = false;
            for (JsonNode flag : link.path("flags")) {
                up |= "UP".equals(flag.asText());
            }
            JsonNode kind = link.path("linkinfo").path("info_kind");
            links.put(name, new Link(name, kind.isMissingNode() ? null : kind.asText(),
                    link.path("master").asText(null), link.path("mtu").asInt(), link.path("address").asText(null),
                    link.path("ifalias").asText(null), up, addresses.getOrDefault(name, List.of())));
        }
        return links;
    }
}
