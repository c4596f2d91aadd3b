package dev.stratus.image.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.image.config.ImageSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The image cache's background job, one thread as Glance's cache worker: at start-up it reconciles the cache
 * directory with its records, then every {@code prefetch-interval} it copies the queued images into the cache,
 * oldest first (a queued image waits for the next pass, listed as queued meanwhile, as with Glance's
 * prefetcher); it also fills the cache after a whole download that missed it.
 */
@ApplicationScoped
public class ImageCachePrefetcher {

    private static final Logger LOG = Logger.getLogger(ImageCachePrefetcher.class);

    private final ImageCache cache;
    private final ImageSettings settings;
    private ScheduledExecutorService worker;

    public ImageCachePrefetcher(ImageCache cache, ImageSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (!cache.enabled()) {
            return;
        }
        worker = DaemonThreads.timer("image-cache-prefetcher");
        worker.execute(cache::reconcile);
        long every = Math.max(1, settings.cache().prefetchInterval().toMillis());
        worker.scheduleWithFixedDelay(this::prefetchQueued, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Image cache in %s (at most %d bytes), prefetching every %s", cache.directory().orElseThrow(),
                settings.cache().maxSize(), settings.cache().prefetchInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Copies one image into the cache soon (a whole download that missed it). */
    public void fillLater(String imageId) {
        if (worker != null) {
            worker.execute(() -> guarded(imageId));
        }
    }

    /** One pass over the queue. */
    void prefetchQueued() {
        try {
            for (String imageId : cache.queued()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                guarded(imageId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Image cache prefetch failed: %s", e.toString());
        }
    }

    private void guarded(String imageId) {
        try {
            cache.fill(imageId);
        } catch (RuntimeException e) {
            LOG.warnf("Caching image %s failed: %s", imageId, e.toString());
        }
    }
}
