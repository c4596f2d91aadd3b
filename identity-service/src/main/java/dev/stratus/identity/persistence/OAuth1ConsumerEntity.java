package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An OS-OAUTH1 consumer: an application that may ask users for delegated access. */
@Entity
@Table(name = "oauth1_consumer")
public class OAuth1ConsumerEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String description;
    /** Given out once, at creation; never returned again. */
    public String secret;
    /** JSON object of the attributes beyond description. */
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
