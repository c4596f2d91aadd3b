package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "domain")
public class DomainEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String description;
    public boolean enabled = true;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
