package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An endpoint group of OS-EP-FILTER: the endpoints matching its filters. */
@Entity
@Table(name = "endpoint_group")
public class EndpointGroupEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String description;
    /** JSON object of the filters (interface, service_id, region_id). */
    public String filters;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
