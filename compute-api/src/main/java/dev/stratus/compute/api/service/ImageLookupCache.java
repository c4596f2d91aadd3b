package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Active images as image-service described them to a project, reused by later creates of that project for a
 * short time. What a caller may see depends on its project and on whether it is an admin, so both are part of
 * the key. Entries go when image-service says the image changed ({@link #evict}), when they are older than the
 * time to live, and all at once whenever the broker connection that carries those changes is down
 * ({@link #suspend}); until it is back ({@link #resume}) nothing is kept.
 */
public class ImageLookupCache {

    /** A bound on memory; reaching it starts the cache over, which costs one GET per image and project. */
    static final int MAX_ENTRIES = 10_000;

    private record Key(String imageId, String projectId, boolean admin) {
    }

    private record Entry(ImageCatalog.Image image, long expiresAt) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier clock;
    /** Counts evictions and suspensions, so that an answer read before one of them is not kept after it. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean live;

    public ImageLookupCache(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
    }

    /** The image as {@code caller}'s project last saw it, while that is fresh enough to boot from. */
    public Optional<ImageCatalog.Image> get(AuthContext caller, String imageId) {
        if (!live || ttlNanos <= 0) {
            return Optional.empty();
        }
        Key key = key(caller, imageId);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.image());
    }

    /** To read before asking image-service, and to hand to {@link #put} with its answer. */
    public long changesSeen() {
        return changes.get();
    }

    /**
     * Keeps an answer of image-service; only active images, which are the only ones a create accepts, and only
     * when no change was announced since {@code changesSeen} was read (the answer may predate it).
     */
    public void put(AuthContext caller, String imageId, ImageCatalog.Image image, long changesSeen) {
        if (!live || ttlNanos <= 0 || !"active".equals(image.status()) || changes.get() != changesSeen) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key(caller, imageId), new Entry(image, clock.getAsLong() + ttlNanos));
    }

    /** image-service changed this image: every project asks again. */
    public void evict(String imageId) {
        changes.incrementAndGet();
        entries.keySet().removeIf(k -> k.imageId().equals(imageId));
    }

    /** The broker connection is down: changes may be missed, so nothing is kept or reused. */
    public void suspend() {
        live = false;
        changes.incrementAndGet();
        entries.clear();
    }

    /** Changes arrive again; answers from now on may be kept. */
    public void resume() {
        entries.clear();
        live = true;
    }

    int size() {
        return entries.size();
    }

    private static Key key(AuthContext caller, String imageId) {
        return new Key(imageId, caller.projectId(), ComputeRules.isAdmin(caller));
    }
}
