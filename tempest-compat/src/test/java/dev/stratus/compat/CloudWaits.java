package dev.stratus.compat;

import java.time.Duration;

/** Polling for what a cloud does asynchronously (a server turning ACTIVE, a rule reaching the host). */
final class CloudWaits {

    private CloudWaits() {
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls every half second until the probe returns non-null; fails with what it waited for. */
    static <T> T waitFor(Duration timeout, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
