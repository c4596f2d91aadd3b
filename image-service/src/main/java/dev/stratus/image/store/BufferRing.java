package dev.stratus.image.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-upload pool of at most {@code capacity} buffers of {@code bufferSize} bytes. It bounds memory (capacity x
 * bufferSize per upload, whatever the image size) and gives back-pressure: the reader blocks in {@link #acquire}
 * when the digest helpers are {@code capacity} buffers behind. Buffers are allocated lazily so that a tiny
 * image costs one buffer, not the whole ring.
 */
final class BufferRing {

    /** One buffer in flight. Reference counted: the reader and each digest lane release it once. */
    static final class Chunk {
        final byte[] data;
        int length;
        private final AtomicInteger refs = new AtomicInteger();
        private final BufferRing ring;

        private Chunk(BufferRing ring, int size) {
            this.ring = ring;
            this.data = new byte[size];
        }

        void retain(int holders) {
            refs.set(holders);
        }

        /** The last holder puts the buffer back in the ring. */
        void release() {
            if (refs.decrementAndGet() == 0) {
                ring.free.add(this);
            }
        }
    }

    /**
     * How long the reader waits for a buffer before giving up. Lanes never block, so this only fires if the
     * digest executor was shut down abruptly or is starved; then a failed upload beats a request thread hung
     * forever. Generous: 8 buffers of digest work take milliseconds even behind many other uploads.
     */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

    private final int bufferSize;
    private final int capacity;
    private final BlockingQueue<Chunk> free;
    private int allocated; // only touched by the single reader thread

    BufferRing(int bufferSize, int capacity) {
        if (bufferSize < 1 || capacity < 1) {
            throw new IllegalArgumentException("bufferSize and capacity must be positive");
        }
        this.bufferSize = bufferSize;
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the reader thread only. Blocks while every buffer is still being digested. */
    Chunk acquire() throws IOException {
        Chunk chunk = free.poll();
        if (chunk == null && allocated < capacity) {
            allocated++;
            chunk = new Chunk(this, bufferSize);
        }
        if (chunk == null) {
            try {
                chunk = free.poll(STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the image digests to catch up");
            }
            if (chunk == null) {
                throw new IOException("image digests made no progress for " + STALL_TIMEOUT.toSeconds()
                        + " s (digest executor stopped or starved)");
            }
        }
        chunk.length = 0;
        return chunk;
    }

    /** Gives back a chunk that was acquired but never handed to anyone. */
    void recycle(Chunk chunk) {
        free.add(chunk);
    }
}
