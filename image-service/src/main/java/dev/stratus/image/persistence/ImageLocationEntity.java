package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One copy of an image's data, in one store (Glance's image location); never shown to users. */
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

    public static ImageLocationEntity of(String imageId, String url) {
        ImageLocationEntity l = new ImageLocationEntity();
        l.imageId = imageId;
        l.url = url;
        l.createdAt = Instant.now();
        return l;
    }

    public record Key(String imageId, String url) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
