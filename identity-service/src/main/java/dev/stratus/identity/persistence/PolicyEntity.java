package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A policy blob of {@code /v3/policies}. */
@Entity
@Table(name = "policy")
public class PolicyEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String type;
    public String blob;
    /** JSON object of the attributes beyond blob and type. */
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
