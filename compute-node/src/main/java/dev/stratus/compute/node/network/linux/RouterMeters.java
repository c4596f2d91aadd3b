package dev.stratus.compute.node.network.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metering counters of the routers' namespaces ({@link RouterMeteringRuleset}). Counters are read and
 * zeroed in one step ({@code nft reset counters}) and what they held is kept here until {@link #collect}
 * hands it out; before a router's table is replaced or its namespace deleted, its counters are read first,
 * so a change of labels loses no traffic that was already counted.
 */
public final class RouterMeters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HostShell shell;
    private final NftTables tables;
    private final Map<String, MeteredTraffic> pending = new HashMap<>();

    public RouterMeters(HostShell shell, NftTables tables) {
        this.shell = shell;
        this.tables = tables;
    }

    /** Makes the router's metering table match its labels. */
    public synchronized void ensure(String namespace, RouterPlumbing router) throws HostNetworkingException {
        String definitions = RouterMeteringRuleset.render(router, null);
        var current = tables.comment(namespace, RouterMeteringRuleset.TABLE);
        if (definitions.isEmpty()) {
            if (current.isPresent()) {
                harvest(namespace);
                tables.delete(namespace, List.of(RouterMeteringRuleset.TABLE));
            }
            return;
        }
        String digest = NftTables.digest(definitions);
        if (current.isPresent() && !current.get().equals(digest)) {
            harvest(namespace);
        }
        tables.replace(namespace, List.of(RouterMeteringRuleset.TABLE), RouterMeteringRuleset.render(router, digest),
                digest);
    }

    /** Reads and zeroes the namespace's counters into what {@link #collect} returns next. */
    public synchronized void harvest(String namespace) throws HostNetworkingException {
        CommandRunner.Result reset = shell.tryIn(namespace, null, "nft", "-j", "reset", "counters", "table",
                RouterMeteringRuleset.TABLE.family(), RouterMeteringRuleset.TABLE.name());
        if (!reset.ok()) {
            if (reset.output().contains("No such file or directory")) {
                return;
            }
            throw new HostNetworkingException("nft reset counters in " + namespace + " failed: " + reset.output());
        }
        parse(reset.output()).forEach((label, traffic) -> pending.merge(label, traffic, MeteredTraffic::plus));
    }

    /** Harvests the namespaces, then hands out (and forgets) everything counted since the last call. */
    public synchronized Map<String, MeteredTraffic> collect(Collection<String> namespaces)
            throws HostNetworkingException {
        for (String namespace : namespaces) {
            harvest(namespace);
        }
        Map<String, MeteredTraffic> out = new LinkedHashMap<>(pending);
        pending.clear();
        return out;
    }

    /** The counts per label of {@code nft -j reset|list counters} output. */
    static Map<String, MeteredTraffic> parse(String json) throws HostNetworkingException {
        Map<String, MeteredTraffic> out = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new HostNetworkingException("unreadable nft counters: " + e.getMessage(), e);
        }
        for (JsonNode item : root.path("nftables")) {
            JsonNode counter = item.path("counter");
            String name = counter.path("name").asText("");
            if (name.startsWith(RouterMeteringRuleset.COUNTER_PREFIX)) {
                out.merge(RouterMeteringRuleset.labelId(name), new MeteredTraffic(counter.path("packets").asLong(),
                        counter.path("bytes").asLong()), MeteredTraffic::plus);
            }
        }
        return out;
    }
}
