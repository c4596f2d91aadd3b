package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A project an image is shared with, and whether it accepted. */
@Entity
@Table(name = "image_member")
@IdClass(ImageMemberEntity.Key.class)
public class ImageMemberEntity extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    @Column(name = "member_id")
    public String memberId;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * Deletes this row with a query rather than {@code delete()}: Hibernate Reactive 3.2 shares one delete
     * coordinator per entity between all sessions, so concurrent entity deletes can resume on another request's
     * event loop (HR000069).
     */
    public Uni<Long> deleteRow() {
        return delete("imageId = ?1 and memberId = ?2", imageId, memberId);
    }

    public record Key(String imageId, String memberId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
