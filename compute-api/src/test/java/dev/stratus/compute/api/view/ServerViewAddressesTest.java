package dev.stratus.compute.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceDetails;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The addresses of a server body: with their type and MAC in show and detail, without in update and rebuild. */
class ServerViewAddressesTest {

    private static final ServerView.Context CONTEXT = new ServerView.Context("http://api/v2.1", false, h -> "UP");
    private static final Map<String, Object> PLAIN = Map.of("version", 4, "addr", "10.64.0.5");
    private static final Map<String, Object> EXTENDED = Map.of("version", 4, "addr", "10.64.0.5",
            "OS-EXT-IPS:type", "fixed", "OS-EXT-IPS-MAC:mac_addr", "fa:16:3e:00:00:05");

    private static InstanceDetails server() {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");
        InstanceRow row = new InstanceRow(1, "6a1c0000-0000-4000-8000-000000000001", "project", "user", "web", null,
                "web", "host-1", "host-1", "active", null, 1, "1", "m1.tiny", 1, 512, 1, 0, 0, Map.of(),
                "image", null, null, null, "nova", false, null, null, "r-1", 0, "MANUAL", false, null, null, 0,
                "/dev/vda", 1, now, null, now, now, null);
        NicRow nic = new NicRow(0, "net", "tempest-shared", "port", null, "fa:16:3e:00:00:05", null,
                List.of("10.64.0.5"), List.of(), true);
        return new InstanceDetails(row, Map.of(), List.of(), List.of(), List.of(nic), null, List.of());
    }

    private static Object addresses(Map<String, Object> body) {
        return body.get("addresses");
    }

    @Test
    void showAndDetailGiveTheTypeAndMac() {
        Map<String, Object> expected = Map.of("tempest-shared", List.of(EXTENDED));
        assertEquals(expected, addresses(ServerView.show(server(), CONTEXT, ApiVersion.parse("2.1"))));
        assertEquals(expected, addresses(ServerView.detail(server(), CONTEXT, ApiVersion.parse("2.1"))));
        assertEquals(expected, addresses(ServerView.rebuild(server(), CONTEXT, ApiVersion.parse("2.75"))),
                "from 2.75 the rebuild answer is the show body");
    }

    @Test
    void updateAndRebuildBelow275DoNot() {
        Map<String, Object> expected = Map.of("tempest-shared", List.of(PLAIN));
        for (String version : List.of("2.1", "2.54", "2.57", "2.74")) {
            assertEquals(expected, addresses(ServerView.rebuild(server(), CONTEXT, ApiVersion.parse(version))),
                    "rebuild at " + version);
            assertEquals(expected, addresses(ServerView.update(server(), CONTEXT, ApiVersion.parse(version))),
                    "update at " + version);
        }
    }
}
