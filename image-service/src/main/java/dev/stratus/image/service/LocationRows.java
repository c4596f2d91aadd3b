package dev.stratus.image.service;

import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.store.HttpImageStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Writes an image's patched locations: rows removed, metadata changed, rows added, and the order. */
final class LocationRows {

    private LocationRows() {
    }

    /**
     * Needs a transaction; {@code rows} are the image's rows the session holds.
     *
     * @return the URLs of the locations removed
     */
    static Uni<List<String>> write(String imageId, List<ImageLocationEntity> rows, List<ImageLocation> wanted) {
        Map<String, ImageLocation> wantedByUrl = new LinkedHashMap<>();
        wanted.forEach(l -> wantedByUrl.put(l.url(), l));
        Set<String> existing = rows.stream().map(r -> r.url).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (ImageLocationEntity row : rows) {
            ImageLocation kept = wantedByUrl.get(row.url);
            if (kept == null) {
                removed.add(row.url);
                // A query, not delete(): see ImagePropertyEntity.deleteRow.
                work = work.call(() -> ImageLocationEntity.delete("imageId = ?1 and url = ?2", imageId, row.url));
            } else if (!storedMetadata(kept).equals(row.metadata)) {
                row.metadata = storedMetadata(kept);
            }
        }
        for (ImageLocation location : wanted) {
            if (!existing.contains(location.url())) {
                work = work.call(() -> ImageLocationEntity.of(imageId, location.url(), storedMetadata(location))
                        .persist());
            }
        }
        return work.call(Panache::flush).call(() -> renumber(imageId, wanted)).replaceWith(removed);
    }

    /** Positions from the sequence, in the patch's order: later appends still sort last. */
    private static Uni<Void> renumber(String imageId, List<ImageLocation> wanted) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (ImageLocation location : wanted) {
            work = work.call(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                            "update image_location set position = nextval('image_location_position_seq')"
                                    + " where image_id = ?1 and url = ?2")
                    .setParameter(1, imageId).setParameter(2, location.url()).executeUpdate()));
        }
        return work;
    }

    /**
     * The metadata kept for a location: a stored copy's {@code store} follows from its URL (ImageRecords adds it
     * when showing), so it is not kept; an external location keeps what the user gave.
     */
    private static Map<String, Object> storedMetadata(ImageLocation location) {
        Map<String, Object> metadata = new LinkedHashMap<>(location.metadata());
        if (!HttpImageStore.handles(location.url())) {
            metadata.remove(ImageRecords.STORE_KEY);
        }
        return metadata;
    }
}
