package dev.stratus.scheduler.service;

import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Usage bookkeeping of one host: reservations, claims, releases and reloads never count an instance twice. */
class HostStateTest {

    private static final Resources ONE = new Resources(1, 1024, 10);

    @Test
    void reserveCommitReleaseCountsOnce() {
        HostState host = up("h1", 4, 4096, 40);
        UUID consumer = UUID.randomUUID();
        assertTrue(host.reserve(consumer, ONE));
        assertFalse(host.reserve(consumer, ONE), "one reservation per consumer");
        assertEquals(ONE, host.used());
        assertTrue(host.commit(consumer));
        assertEquals(ONE, host.used());
        assertTrue(host.release(consumer));
        assertFalse(host.release(consumer), "a second release returns nothing");
        assertEquals(Resources.NONE, host.used());
    }

    @Test
    void cancelReturnsTheReservation() {
        HostState host = up("h1", 4, 4096, 40);
        UUID consumer = UUID.randomUUID();
        host.reserve(consumer, ONE);
        host.cancel(consumer);
        host.cancel(consumer);
        assertEquals(Resources.NONE, host.used());
    }

    @Test
    void reservationsStopAtCapacity() {
        HostState host = up("h1", 4, 4096, 40);
        for (int i = 0; i < 4; i++) {
            assertTrue(host.reserve(UUID.randomUUID(), ONE));
        }
        assertFalse(host.reserve(UUID.randomUUID(), ONE));
    }

    @Test
    void aReleaseWhileTheClaimerHasNotCommittedWins() {
        HostState host = up("h1", 4, 4096, 40);
        UUID consumer = UUID.randomUUID();
        host.reserve(consumer, ONE);
        // The claim was written, then the instance was deleted before the claimer got back here.
        assertTrue(host.release(consumer));
        assertEquals(Resources.NONE, host.used());
        assertFalse(host.commit(consumer), "the commit must not bring a released allocation back");
        assertEquals(Resources.NONE, host.used());
        assertTrue(host.reserve(consumer, ONE), "a new reservation of the same consumer is a fresh start");
        assertTrue(host.commit(consumer));
        assertEquals(ONE, host.used());
    }

    @Test
    void reloadKeepsReservationsInFlightAndDoesNotCountThemTwice() {
        HostState host = up("h1", 4, 4096, 40);
        UUID claimed = UUID.randomUUID();
        UUID inFlight = UUID.randomUUID();
        host.reserve(claimed, ONE);
        host.reserve(inFlight, ONE);
        // The database already holds "claimed" (its claim committed, the claimer has not come back yet).
        assertTrue(host.reload(Map.of(claimed, ONE), host.changes()));
        assertEquals(ONE.times(2), host.used());
        host.commit(claimed);
        assertEquals(ONE.times(2), host.used());
        host.cancel(inFlight);
        assertEquals(ONE, host.used());
    }

    @Test
    void aReloadReadBeforeALocalChangeIsRefused() {
        HostState host = up("h1", 4, 4096, 40);
        UUID consumer = UUID.randomUUID();
        long stamp = host.changes();
        host.reserve(consumer, ONE);
        host.commit(consumer);
        // Rows read before the commit do not hold the consumer: applying them would forget it.
        assertFalse(host.reload(Map.of(), stamp));
        assertEquals(ONE, host.used());
        assertTrue(host.reload(Map.of(consumer, ONE), host.changes()));
        assertEquals(ONE, host.used());
        assertTrue(host.reload(Map.of(), null), "without a stamp the rows are taken as they are");
        assertEquals(Resources.NONE, host.used());
    }

    @Test
    void allocatedReplacesAnEarlierAmount() {
        HostState host = up("h1", 4, 4096, 40);
        UUID consumer = UUID.randomUUID();
        host.allocated(consumer, ONE);
        host.allocated(consumer, ONE.times(2));
        assertEquals(ONE.times(2), host.used());
        assertEquals(2, host.free(ResourceClasses.VCPU));
    }
}
