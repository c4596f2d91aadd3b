package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A custom image property (e.g. {@code hw_disk_bus}, {@code kernel_id}). */
@Entity
@Table(name = "image_property")
@IdClass(ImagePropertyEntity.Key.class)
public class ImagePropertyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String name;
    public String value;

    /**
     * Deletes this row with a query rather than {@code delete()}: Hibernate Reactive 3.2 shares one delete
     * coordinator per entity between all sessions, so concurrent entity deletes can resume on another request's
     * event loop (HR000069).
     */
    public Uni<Long> deleteRow() {
        return delete("imageId = ?1 and name = ?2", imageId, name);
    }

    public static ImagePropertyEntity of(String imageId, String name, String value) {
        ImagePropertyEntity p = new ImagePropertyEntity();
        p.imageId = imageId;
        p.name = name;
        p.value = value;
        return p;
    }

    public record Key(String imageId, String name) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
