package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "project")
public class ProjectEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    @Column(name = "parent_id")
    public String parentId;
    public String description;
    public boolean enabled = true;
    /** JSON array of tags. */
    public String tags;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
