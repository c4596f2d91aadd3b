package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies one stream to one file channel while computing its size, MD5 and SHA-512, with bounded memory and
 * enforcing the size limits. Knows nothing about file names or atomicity (that is FileSystemImageStore's job).
 *
 * <p>Pipeline: the calling thread fills a pooled buffer from the stream, hands a reference to each digest
 * lane, writes the buffer to the channel and releases it; each lane updates its digest(s) and releases it;
 * the last release returns the buffer to the {@link BufferRing}. The reader is at most {@code ringSize}
 * buffers ahead of the slowest digest, so memory is {@code ringSize x bufferSize} per upload.
 */
final class StreamingWriter {

    /** Bytes of the stream's beginning kept for format detection (qcow2 needs 32). */
    static final int HEADER_BYTES = 512;

    /** Facts about the data written. {@code header} holds up to HEADER_BYTES leading bytes. */
    record Result(long size, String md5Hex, String sha512Hex, byte[] header) {
    }

    private final Executor executor;
    private final int bufferSize;
    private final int ringSize;
    private final DigestPlan plan;

    StreamingWriter(Executor executor, int bufferSize, int ringSize, DigestPlan plan) {
        this.executor = executor;
        this.bufferSize = bufferSize;
        this.ringSize = ringSize;
        this.plan = plan;
    }

    Result write(InputStream in, FileChannel out, long expectedSize, long maxBytes) throws IOException {
        if (expectedSize < -1 || maxBytes < 0) {
            throw new IllegalArgumentException("expectedSize must be >= -1 and maxBytes >= 0");
        }
        if (expectedSize > maxBytes) {
            // Refuse before reading a byte: the announced size alone breaks the quota.
            throw new ImageQuotaExceededException(maxBytes, expectedSize, true);
        }
        boolean sizeKnown = expectedSize >= 0;
        long limit = sizeKnown ? expectedSize : maxBytes;
        // Reading one byte past the limit is how we learn that the data is too long; never read more.
        long readAllowance = limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1;

        Upload upload = new Upload(out);
        BufferRing ring = new BufferRing(bufferSize, ringSize);
        byte[] header = null;
        long total = 0;
        try {
            while (true) {
                BufferRing.Chunk chunk = ring.acquire();
                int wanted = (int) Math.min(chunk.data.length, readAllowance - total);
                int n = fill(in, chunk.data, wanted);
                if (n == 0) {
                    ring.recycle(chunk);
                    break;
                }
                total += n;
                if (total > limit) {
                    ring.recycle(chunk);
                    if (sizeKnown) {
                        throw new ImageSizeMismatchException(expectedSize, total, true);
                    }
                    throw new ImageQuotaExceededException(maxBytes, total, false);
                }
                if (header == null) {
                    header = Arrays.copyOf(chunk.data, Math.min(n, HEADER_BYTES));
                }
                chunk.length = n;
                upload.dispatch(chunk);
                if (n < wanted) {
                    break; // fill() stops short only at the end of the stream
                }
            }
            if (sizeKnown && total != expectedSize) {
                throw new ImageSizeMismatchException(expectedSize, total, false);
            }
            Map<String, String> digests = upload.finish();
            return new Result(total, digests.get("MD5"), digests.get("SHA-512"),
                    header == null ? new byte[0] : header);
        } catch (IOException | RuntimeException | Error e) {
            upload.abort();
            throw e;
        }
    }

    /** Reads until {@code len} bytes or the end of the stream; returns the count (0 only at the end). */
    private static int fill(InputStream in, byte[] buf, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(buf, off, len - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        return off;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide " + algorithm, e);
        }
    }

    /** The digest state of one write. Lanes and the reader thread share chunks, never digests. */
    private final class Upload {
        private final FileChannel out;
        private final List<MessageDigest> inline = new ArrayList<>();
        private final List<SerialLane> lanes = new ArrayList<>();
        private final List<List<MessageDigest>> laneDigests = new ArrayList<>();
        /** Set on failure: lanes skip the buffers still queued (they only release them). */
        private volatile boolean aborted;
        /** First unexpected failure inside a lane; reported by finish(). */
        private volatile RuntimeException laneFailure;

        Upload(FileChannel out) {
            this.out = out;
            for (String algorithm : plan.inline) {
                inline.add(digest(algorithm));
            }
            for (List<String> algorithms : plan.lanes) {
                lanes.add(new SerialLane(executor));
                laneDigests.add(algorithms.stream().map(StreamingWriter::digest).toList());
            }
        }

        /** Hands the chunk to the lanes first so that digesting overlaps the write system call. */
        void dispatch(BufferRing.Chunk chunk) throws IOException {
            chunk.retain(lanes.size() + 1);
            for (int i = 0; i < lanes.size(); i++) {
                List<MessageDigest> digests = laneDigests.get(i);
                submit(lanes.get(i), () -> {
                    try {
                        if (!aborted) {
                            for (MessageDigest md : digests) {
                                md.update(chunk.data, 0, chunk.length);
                            }
                        }
                    } catch (RuntimeException e) {
                        laneFailure = e;
                        aborted = true;
                    } finally {
                        chunk.release();
                    }
                });
            }
            try {
                for (MessageDigest md : inline) {
                    md.update(chunk.data, 0, chunk.length);
                }
                ByteBuffer buffer = ByteBuffer.wrap(chunk.data, 0, chunk.length);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            } finally {
                chunk.release();
            }
        }

        /** Waits for the lanes to digest everything dispatched and returns hex digests by algorithm. */
        Map<String, String> finish() throws IOException {
            Map<String, String> hex = new HashMap<>();
            for (int i = 0; i < inline.size(); i++) {
                hex.put(plan.inline.get(i), HexFormat.of().formatHex(inline.get(i).digest()));
            }
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                List<String> algorithms = plan.lanes.get(i);
                List<MessageDigest> digests = laneDigests.get(i);
                CompletableFuture<Void> future = new CompletableFuture<>();
                done.add(future);
                // Runs after every chunk of this lane (lanes are FIFO).
                submit(lanes.get(i), () -> {
                    synchronized (hex) {
                        for (int j = 0; j < digests.size(); j++) {
                            hex.put(algorithms.get(j), HexFormat.of().formatHex(digests.get(j).digest()));
                        }
                    }
                    future.complete(null);
                });
            }
            try {
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                        .get(BufferRing.STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while finishing the image digests");
            } catch (TimeoutException e) {
                throw new IOException("image digests made no progress for " + BufferRing.STALL_TIMEOUT.toSeconds()
                        + " s (digest executor stopped or starved)", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("digest lane failed", e.getCause());
            }
            if (laneFailure != null) {
                throw new IllegalStateException("digest lane failed", laneFailure);
            }
            synchronized (hex) {
                return Map.copyOf(hex);
            }
        }

        void abort() {
            aborted = true;
        }

        private void submit(SerialLane lane, Runnable task) throws IOException {
            try {
                lane.submit(task);
            } catch (RejectedExecutionException e) {
                throw new IOException("the image store is closed (digest executor rejected the upload)", e);
            }
        }
    }
}
