package dev.stratus.compute.node.network.metering;

import dev.stratus.compute.node.network.HostNetworking;
import dev.stratus.compute.node.network.HostNetworkingException;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One host's part of Neutron's metering agent: {@link #measure} adds what the routers' label counters counted
 * to each label's running figures, {@link #report} turns them into {@code l3.meter} reports and starts them
 * again. The project has no notification bus, so a report is logged (debug) and added to the totals the
 * node's health shows ({@link #totals}).
 */
public class MeteringAgent {

    private static final Logger LOG = Logger.getLogger(MeteringAgent.class);

    private final String host;
    private final HostNetworking networking;
    private final Supplier<HostNetworkPlan> applied;
    private final Clock clock;
    private final Map<String, Info> infos = new LinkedHashMap<>();
    private final Map<String, String> projects = new ConcurrentHashMap<>();
    private final Map<String, MeteredTraffic> totals = new ConcurrentHashMap<>();

    /** A label's running figures, as the agent's metering_infos. */
    private static final class Info {
        long pkts;
        long bytes;
        long time;
        final long firstUpdate;
        long lastUpdate;

        Info(long now) {
            firstUpdate = now;
            lastUpdate = now;
        }
    }

    public MeteringAgent(String host, HostNetworking networking, Supplier<HostNetworkPlan> applied, Clock clock) {
        this.host = host;
        this.networking = networking;
        this.applied = applied;
        this.clock = clock;
    }

    /** Reads the counters (zeroing them) and adds them up per label. */
    public synchronized void measure() throws HostNetworkingException {
        for (RouterPlumbing router : applied.get().routers()) {
            for (MeteringLabel label : router.meteringLabels()) {
                projects.put(label.labelId(), label.projectId());
            }
        }
        Map<String, MeteredTraffic> traffic = networking.collectMeteredTraffic();
        long now = clock.instant().getEpochSecond();
        traffic.forEach((label, counted) -> {
            Info info = infos.computeIfAbsent(label, k -> new Info(now));
            info.pkts += counted.packets();
            info.bytes += counted.bytes();
            info.time += now - info.lastUpdate;
            info.lastUpdate = now;
        });
    }

    /**
     * The reports of every label measured so far; their counts start again from zero. A label no router here has
     * any longer (deleted, or its router gone) gets its last report and is then forgotten, figures and totals.
     */
    public synchronized List<MeterReport> report() {
        List<MeterReport> reports = new ArrayList<>();
        infos.forEach((label, info) -> {
            MeterReport report = new MeterReport(label, projects.get(label), info.pkts, info.bytes, info.time,
                    info.firstUpdate, info.lastUpdate, host);
            reports.add(report);
            LOG.debugf("%s %s", MeterReport.EVENT_TYPE, report.payload());
            totals.merge(label, new MeteredTraffic(info.pkts, info.bytes), MeteredTraffic::plus);
            info.pkts = 0;
            info.bytes = 0;
            info.time = 0;
        });
        Set<String> metered = meteredLabels();
        infos.keySet().retainAll(metered);
        projects.keySet().retainAll(metered);
        totals.keySet().retainAll(metered);
        return reports;
    }

    private Set<String> meteredLabels() {
        Set<String> labels = new HashSet<>();
        for (RouterPlumbing router : applied.get().routers()) {
            router.meteringLabels().forEach(label -> labels.add(label.labelId()));
        }
        return labels;
    }

    /** Everything reported per label since the node started, for the labels this host still meters. */
    public Map<String, MeteredTraffic> totals() {
        return Map.copyOf(totals);
    }

    public String host() {
        return host;
    }
}
