package dev.stratus.image.store;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the ordering a digest needs (updates
 * must be applied in stream order) without dedicating a thread to each upload.
 *
 * <p>Why not a long-running "digest loop" task per upload that blocks on a queue: on a small fixed pool, N
 * uploads would park N loops on all threads while their sibling loops wait in the executor's queue, and
 * everyone would wait forever for buffers. Lane tasks never block, so any pool size makes progress.
 */
final class SerialLane {

    /** Tasks run per turn before the lane yields its thread to other uploads' lanes. */
    private static final int BATCH = 16;

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLane(Executor executor) {
        this.executor = executor;
    }

    /** @throws java.util.concurrent.RejectedExecutionException if the executor is shut down */
    void submit(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false);
                tasks.remove(task);
                throw e;
            }
        }
    }

    private void drain() {
        while (true) {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    scheduled.set(false);
                    // A submit may have queued a task after our poll but before we cleared the flag: take it.
                    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
                        continue;
                    }
                    return;
                }
                task.run();
            }
            try {
                // Still busy: go to the back of the executor's queue so other uploads' lanes get a turn.
                executor.execute(this::drain);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // The pool is closing: finish this lane here rather than strand its buffers (and its reader).
            }
        }
    }
}
