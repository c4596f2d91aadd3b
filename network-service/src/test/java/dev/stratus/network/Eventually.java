package dev.stratus.network;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what arrives over the broker. */
final class Eventually {

    private Eventually() {
    }

    static <T> T until(Supplier<T> probe, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
