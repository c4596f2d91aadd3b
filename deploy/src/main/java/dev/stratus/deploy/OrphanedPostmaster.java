package dev.stratus.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with a postmaster left running on a data directory by a launcher that was killed without a
 * chance to stop it (pg_ctl daemonises the server, so it outlives the JVM). Without this, the next
 * start fails with "another server might be running".
 */
final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    /** The lock file zonky's EmbeddedPostgres holds while it owns a data directory. */
    static final String OWNER_LOCK_FILE = "epg-lock";

    private OrphanedPostmaster() {
    }

    /**
     * Refuses a data directory another live embedded server owns; stops (fast shutdown) a postmaster
     * that runs on it with no owner left.
     */
    static void stopIfOrphaned(Path dataDirectory, Duration timeout) throws IOException, InterruptedException {
        requireNoLiveOwner(dataDirectory);
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        LOG.warn("Stopping orphaned postmaster (pid {}) left running on {}", pid, dataDirectory);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        kill.waitFor();
        try {
            postmaster.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("orphaned postmaster " + pid + " on " + dataDirectory
                    + " did not stop within " + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void requireNoLiveOwner(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(OWNER_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("data directory " + dataDirectory
                        + " is in use by another embedded PostgreSQL (it holds " + lockFile + ")");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("data directory " + dataDirectory
                    + " is in use by an embedded PostgreSQL in this JVM");
        }
    }

    private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // a stale pid file whose pid now belongs to something else is left to PostgreSQL, which copes
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }
}
