package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One location of an image's data (Glance's image location): a copy in one of the stores, or an external URL
 * (the read-only HTTP store). Locations are ordered by {@link #position}; users see them only when
 * {@code stratus.image.show-multiple-locations} is on.
 */
@Entity
@Table(name = "image_location")
@IdClass(ImageLocationEntity.Key.class)
public class ImageLocationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String url;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The user's metadata of the location ({@code "store"} of a stored copy is derived from its URL, not kept). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata;
    /**
     * Order among the image's locations: the database assigns it from a sequence on insert (so a new row sorts
     * last); {@code ImageLocationOrder} rewrites it when a patch reorders.
     */
    @Column(insertable = false)
    public Long position;

    public static ImageLocationEntity of(String imageId, String url) {
        return of(imageId, url, new LinkedHashMap<>());
    }

    public static ImageLocationEntity of(String imageId, String url, Map<String, Object> metadata) {
        ImageLocationEntity l = new ImageLocationEntity();
        l.imageId = imageId;
        l.url = url;
        l.metadata = metadata;
        l.createdAt = Instant.now();
        return l;
    }

    public record Key(String imageId, String url) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
