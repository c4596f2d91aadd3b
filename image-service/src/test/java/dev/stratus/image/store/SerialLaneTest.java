package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SerialLaneTest {

    @Test
    void manyLanesOnOneThreadKeepTheirOrderAndNeverOverlap() throws Exception {
        ExecutorService pool = DigestExecutor.create(1);
        try {
            int lanes = 5;
            int tasks = 2000;
            List<List<Integer>> seen = new ArrayList<>();
            AtomicBoolean overlap = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(lanes);
            List<Thread> producers = new ArrayList<>();
            for (int l = 0; l < lanes; l++) {
                SerialLane lane = new SerialLane(pool);
                List<Integer> order = new ArrayList<>();
                seen.add(order);
                AtomicBoolean inside = new AtomicBoolean();
                producers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < tasks; i++) {
                        int n = i;
                        lane.submit(() -> {
                            if (!inside.compareAndSet(false, true)) {
                                overlap.set(true);
                            }
                            order.add(n);
                            inside.set(false);
                            if (n == tasks - 1) {
                                done.countDown();
                            }
                        });
                    }
                }));
            }
            for (Thread t : producers) {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertFalse(overlap.get());
            List<Integer> expected = IntStream.range(0, tasks).boxed().toList();
            for (List<Integer> order : seen) {
                assertEquals(expected, order);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aLaneRejectedWhenYieldingFinishesOnItsCurrentThread() throws Exception {
        // Runs the first drain on a thread of its own, then refuses everything, like a pool being shut down.
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SerialLane lane = new SerialLane(task -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("shut down");
            }
            Thread.ofPlatform().start(task);
        });
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        lane.submit(() -> awaitQuietly(release));
        for (int i = 0; i < 40; i++) { // more than one batch
            lane.submit(() -> {
                if (ran.incrementAndGet() == 40) {
                    all.countDown();
                }
            });
        }
        release.countDown();
        assertTrue(all.await(10, TimeUnit.SECONDS), "ran " + ran.get() + " of 40");
    }

    @Test
    void bufferRingBoundsBuffersAndHandsBackReleasedOnes() throws Exception {
        BufferRing ring = new BufferRing(16, 2);
        BufferRing.Chunk a = ring.acquire();
        BufferRing.Chunk b = ring.acquire();
        a.retain(2);
        CountDownLatch got = new CountDownLatch(1);
        BufferRing.Chunk[] third = new BufferRing.Chunk[1];
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                third[0] = ring.acquire();
                got.countDown();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertFalse(got.await(200, TimeUnit.MILLISECONDS), "a third buffer must wait");
        a.release();
        assertFalse(got.await(100, TimeUnit.MILLISECONDS), "still held by one lane");
        a.release();
        assertTrue(got.await(5, TimeUnit.SECONDS));
        reader.join();
        assertTrue(third[0] == a && b != a);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
