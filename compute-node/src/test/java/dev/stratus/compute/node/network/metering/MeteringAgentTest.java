package dev.stratus.compute.node.network.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.compute.node.network.FakeHostNetworking;
import dev.stratus.compute.node.network.MeteredTraffic;
import dev.stratus.compute.node.network.plan.HostNetworkPlan;
import dev.stratus.compute.node.network.plan.MeteringLabel;
import dev.stratus.compute.node.network.plan.MeteringRule;
import dev.stratus.compute.node.network.plan.RouterPlumbing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The agent's measuring and reporting, as Neutron's metering agent adds up and reports l3.meter. */
class MeteringAgentTest {

    private static final String LABEL = "aaaaaaaa-1111-4222-8333-444444444444";

    private final Deque<Map<String, MeteredTraffic>> readings = new ArrayDeque<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_000));
    private final FakeHostNetworking networking = new FakeHostNetworking() {
        @Override
        public Map<String, MeteredTraffic> collectMeteredTraffic() {
            return readings.isEmpty() ? Map.of() : readings.removeFirst();
        }
    };
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void measurementsAddUpAndAReportStartsThemAgain() throws Exception {
        RouterPlumbing router = new RouterPlumbing("router-1", null, List.of(), List.of(), List.of(
                new MeteringLabel(LABEL, "project-a", false, List.of(MeteringRule.of("egress", false, "0.0.0.0/0",
                        null, null)))));
        HostNetworkPlan plan = new HostNetworkPlan(List.of(), List.of(), List.of(router));
        MeteringAgent agent = new MeteringAgent("host-a", networking, () -> plan, clock);

        readings.add(Map.of(LABEL, new MeteredTraffic(3, 300)));
        agent.measure();
        now.set(Instant.ofEpochSecond(1_030));
        readings.add(Map.of(LABEL, new MeteredTraffic(2, 150)));
        agent.measure();

        List<MeterReport> reports = agent.report();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("label_id", LABEL);
        expected.put("tenant_id", "project-a");
        expected.put("pkts", 5L);
        expected.put("bytes", 450L);
        expected.put("time", 30L);
        expected.put("first_update", 1_000L);
        expected.put("last_update", 1_030L);
        expected.put("host", "host-a");
        assertEquals(List.of(expected), reports.stream().map(MeterReport::payload).toList());

        now.set(Instant.ofEpochSecond(1_060));
        agent.measure();
        MeterReport quiet = agent.report().get(0);
        assertEquals(0, quiet.pkts(), "counts start again after a report");
        assertEquals(0, quiet.time());
        assertEquals(1_000, quiet.firstUpdate());
        assertEquals(Map.of(LABEL, new MeteredTraffic(5, 450)), agent.totals(), "the totals the health shows");
    }

    @Test
    void aLabelThatIsGoneGetsItsLastReportAndIsThenForgotten() throws Exception {
        RouterPlumbing router = new RouterPlumbing("router-1", null, List.of(), List.of(), List.of(
                new MeteringLabel(LABEL, "project-a", false, List.of())));
        AtomicReference<HostNetworkPlan> plan = new AtomicReference<>(
                new HostNetworkPlan(List.of(), List.of(), List.of(router)));
        MeteringAgent agent = new MeteringAgent("host-a", networking, plan::get, clock);
        readings.add(Map.of(LABEL, new MeteredTraffic(4, 400)));
        agent.measure();
        plan.set(new HostNetworkPlan(List.of(), List.of(), List.of()));

        List<MeterReport> last = agent.report();
        assertEquals(1, last.size());
        assertEquals(400, last.get(0).bytes(), "what was counted before the label went is still reported");
        assertEquals(Map.of(), agent.totals());
        agent.measure();
        assertEquals(List.of(), agent.report(), "nothing is kept of a label that is gone");
    }
}
