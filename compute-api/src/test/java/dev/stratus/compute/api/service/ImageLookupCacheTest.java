package dev.stratus.compute.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.ImageSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageLookupCacheTest {

    private static final AuthContext ALICE = caller("alice", "project-a", "member");
    private static final AuthContext ALICE_TEAMMATE = caller("carol", "project-a", "member");
    private static final AuthContext BOB = caller("bob", "project-b", "member");
    private static final AuthContext ADMIN_OF_A = caller("root", "project-a", "admin");
    private static final ImageCatalog.Image ACTIVE = image("active");

    private final AtomicLong now = new AtomicLong(1_000);
    private ImageLookupCache cache;

    @BeforeEach
    void setUp() {
        cache = new ImageLookupCache(Duration.ofSeconds(60), now::get);
        cache.resume();
    }

    @Test
    void anActiveImageIsReusedWithinItsProjectOnly() {
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        assertEquals(Optional.of(ACTIVE), cache.get(ALICE, "img"));
        assertEquals(Optional.of(ACTIVE), cache.get(ALICE_TEAMMATE, "img"), "visibility is per project");
        assertEquals(Optional.empty(), cache.get(BOB, "img"), "another project asks image-service itself");
        assertEquals(Optional.empty(), cache.get(ADMIN_OF_A, "img"), "an admin may see more: its own entry");
        assertEquals(Optional.empty(), cache.get(ALICE, "other"));
    }

    @Test
    void onlyActiveImagesAreKept() {
        for (String status : List.of("queued", "saving", "deactivated", "killed", "importing")) {
            cache.put(ALICE, status, image(status), cache.changesSeen());
            assertEquals(Optional.empty(), cache.get(ALICE, status), status);
        }
    }

    @Test
    void entriesExpireAfterTheirTimeToLive() {
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertTrue(cache.get(ALICE, "img").isPresent());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(Optional.empty(), cache.get(ALICE, "img"));
        assertEquals(0, cache.size(), "an expired entry is dropped when met");
    }

    @Test
    void aChangeOfTheImageDropsItForEveryProject() {
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        cache.put(BOB, "img", ACTIVE, cache.changesSeen());
        cache.put(ALICE, "kept", ACTIVE, cache.changesSeen());
        cache.evict("img");
        assertEquals(Optional.empty(), cache.get(ALICE, "img"));
        assertEquals(Optional.empty(), cache.get(BOB, "img"));
        assertEquals(Optional.of(ACTIVE), cache.get(ALICE, "kept"));
    }

    @Test
    void anAnswerReadBeforeAChangeIsNotKeptAfterIt() {
        long seen = cache.changesSeen();
        cache.evict("img"); // image-service announced a change while the GET was under way
        cache.put(ALICE, "img", ACTIVE, seen);
        assertEquals(Optional.empty(), cache.get(ALICE, "img"));
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        assertEquals(Optional.of(ACTIVE), cache.get(ALICE, "img"));
    }

    @Test
    void nothingIsKeptOrReusedWhileTheBrokerConnectionIsDown() {
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        long seen = cache.changesSeen();
        cache.suspend();
        assertEquals(Optional.empty(), cache.get(ALICE, "img"));
        cache.put(ALICE, "img", ACTIVE, cache.changesSeen());
        cache.resume();
        assertEquals(Optional.empty(), cache.get(ALICE, "img"), "what was read while down is not trusted");
        cache.put(ALICE, "img", ACTIVE, seen);
        assertEquals(Optional.empty(), cache.get(ALICE, "img"), "nor what was read before the outage");
    }

    @Test
    void aNewCacheKeepsNothingUntilTheBrokerIsConnected() {
        ImageLookupCache fresh = new ImageLookupCache(Duration.ofSeconds(60), now::get);
        fresh.put(ALICE, "img", ACTIVE, fresh.changesSeen());
        assertEquals(Optional.empty(), fresh.get(ALICE, "img"));
    }

    @Test
    void aZeroTimeToLiveTurnsTheCacheOff() {
        ImageLookupCache off = new ImageLookupCache(Duration.ZERO, now::get);
        off.resume();
        off.put(ALICE, "img", ACTIVE, off.changesSeen());
        assertEquals(Optional.empty(), off.get(ALICE, "img"));
    }

    @Test
    void reachingTheBoundStartsOver() {
        for (int i = 0; i < ImageLookupCache.MAX_ENTRIES; i++) {
            cache.put(ALICE, "img-" + i, ACTIVE, cache.changesSeen());
        }
        assertEquals(ImageLookupCache.MAX_ENTRIES, cache.size());
        cache.put(ALICE, "one-more", ACTIVE, cache.changesSeen());
        assertEquals(1, cache.size());
        assertEquals(Optional.of(ACTIVE), cache.get(ALICE, "one-more"));
    }

    private static ImageCatalog.Image image(String status) {
        return new ImageCatalog.Image(new ImageSpec("img", "cirros", "qcow2", "bare", 1024, "md5", 0, 0, Map.of()),
                status);
    }

    private static AuthContext caller(String user, String project, String role) {
        Set<String> roles = "admin".equals(role) ? Set.of("admin", "member", "reader") : Set.of("member", "reader");
        return new AuthContext("token-" + user, user, user, "default", project, "default", null, roles,
                List.of("password"), List.of("audit"), Instant.now(), Instant.now().plusSeconds(3600));
    }
}
