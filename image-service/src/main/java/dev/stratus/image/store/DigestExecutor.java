package dev.stratus.image.store;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small pool that runs digest lanes for all uploads of a store. Daemon threads so that a forgotten store
 * never keeps the JVM alive; as many threads as cores since digesting is pure CPU (more threads would only
 * add context switches). Lane tasks never block, so the unbounded queue only holds short tasks.
 */
public final class DigestExecutor {

    private DigestExecutor() {
    }

    public static ExecutorService create(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "image-digest-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true); // idle stores hold no threads
        return pool;
    }

    public static int defaultThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
