package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One import of an image's data (Glance's {@code api_image_import} task). */
@Entity
@Table(name = "image_task")
public class ImageTaskEntity extends PanacheEntityBase {

    public static final String IMPORT = "api_image_import";

    @Id
    public String id;
    @Column(name = "image_id")
    public String imageId;
    public String type;
    public String status;
    public String owner;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "request_id")
    public String requestId;
    /** The import request as JSON. */
    public String input;
    /** The stores the import writes to, comma-separated (Glance's task input {@code backend}). */
    public String backend;
    public String message = "";
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
