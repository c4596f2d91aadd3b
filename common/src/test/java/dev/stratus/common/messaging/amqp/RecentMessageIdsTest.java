package dev.stratus.common.messaging.amqp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentMessageIdsTest {

    @Test
    void forgetsTheLeastRecentlySeenBeyondCapacity() {
        RecentMessageIds ids = new RecentMessageIds(3);
        ids.add("a");
        ids.add("b");
        ids.add("c");
        assertTrue(ids.contains("a")); // touching "a" makes "b" the eldest
        ids.add("d");

        assertEquals(3, ids.size());
        assertTrue(ids.contains("a"));
        assertFalse(ids.contains("b"));
        assertTrue(ids.contains("c"));
        assertTrue(ids.contains("d"));
    }

    @org.junit.jupiter.api.Test
    void aClaimedIdRefusesCopiesUntilReleased() {
        RecentMessageIds ids = new RecentMessageIds(10);
        org.junit.jupiter.api.Assertions.assertTrue(ids.claim("m1"));
        org.junit.jupiter.api.Assertions.assertFalse(ids.claim("m1"), "a copy while the first is in flight");
        ids.release("m1");
        org.junit.jupiter.api.Assertions.assertTrue(ids.claim("m1"), "the requeued delivery after a failure");
        ids.add("m1");
        org.junit.jupiter.api.Assertions.assertFalse(ids.claim("m1"), "a copy after success");
    }
}
