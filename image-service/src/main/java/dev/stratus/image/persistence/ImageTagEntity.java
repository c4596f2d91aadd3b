package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "image_tag")
@IdClass(ImageTagEntity.Key.class)
public class ImageTagEntity extends PanacheEntityBase {

    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String value;

    /**
     * Deletes this row with a query rather than {@code delete()}: Hibernate Reactive 3.2 shares one delete
     * coordinator per entity between all sessions, so concurrent entity deletes can resume on another request's
     * event loop (HR000069).
     */
    public Uni<Long> deleteRow() {
        return delete("imageId = ?1 and value = ?2", imageId, value);
    }

    public static ImageTagEntity of(String imageId, String value) {
        ImageTagEntity t = new ImageTagEntity();
        t.imageId = imageId;
        t.value = value;
        return t;
    }

    public record Key(String imageId, String value) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
