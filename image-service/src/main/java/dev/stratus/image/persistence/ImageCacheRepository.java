package dev.stratus.image.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The image cache's records: {@code image_cache_entry} (a cached copy with its hits and access times) and
 * {@code image_cache_queue} (images waiting for the prefetcher, oldest first). Plain SQL on worker threads.
 */
@ApplicationScoped
public class ImageCacheRepository {

    /** A cached copy as Glance lists it. */
    public record Entry(String imageId, long size, long hits, Instant lastAccessed, Instant lastModified) {
    }

    private static final String COLUMNS = "image_id, size, hits, last_accessed, last_modified";

    private final Db db;

    public ImageCacheRepository(Db db) {
        this.db = db;
    }

    /** Every entry, by image id (Glance's order). */
    public List<Entry> entries() {
        return db.list("select " + COLUMNS + " from image_cache_entry order by image_id", ImageCacheRepository::entry);
    }

    public Optional<Entry> entry(String imageId) {
        return db.one("select " + COLUMNS + " from image_cache_entry where image_id = ?", ImageCacheRepository::entry,
                imageId);
    }

    /** Records a new copy (no hits yet), replacing a stale record of the same image. */
    public void insert(String imageId, long size) {
        db.update("insert into image_cache_entry (image_id, size, hits, last_accessed, last_modified)"
                + " values (?, ?, 0, clock_timestamp(), clock_timestamp()) on conflict (image_id) do update"
                + " set size = excluded.size, hits = 0, last_accessed = excluded.last_accessed,"
                + " last_modified = excluded.last_modified", imageId, size);
    }

    /** One more read served from the copy. */
    public void hit(String imageId) {
        db.update("update image_cache_entry set hits = hits + 1, last_accessed = clock_timestamp() where image_id = ?",
                imageId);
    }

    public boolean delete(String imageId) {
        return db.update("delete from image_cache_entry where image_id = ?", imageId) > 0;
    }

    public long totalSize() {
        return db.count("select coalesce(sum(size), 0) from image_cache_entry");
    }

    /** The entry the pruner drops first. */
    public Optional<Entry> leastRecentlyAccessed() {
        return db.one("select " + COLUMNS + " from image_cache_entry order by last_accessed, image_id limit 1",
                ImageCacheRepository::entry);
    }

    /** Queued image ids, oldest first. */
    public List<String> queued() {
        return db.list("select image_id from image_cache_queue order by queued_at, image_id", rs -> rs.getString(1));
    }

    /** Whether the image joined the queue (false: it was there already). */
    public boolean enqueue(String imageId) {
        return db.update("insert into image_cache_queue (image_id) values (?) on conflict do nothing", imageId) > 0;
    }

    public boolean dequeue(String imageId) {
        return db.update("delete from image_cache_queue where image_id = ?", imageId) > 0;
    }

    public int clearQueue() {
        return db.update("delete from image_cache_queue");
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("image_id"), rs.getLong("size"), rs.getLong("hits"),
                Db.instant(rs, "last_accessed"), Db.instant(rs, "last_modified"));
    }
}
