package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A catalog service (compute, image, ...). */
@Entity
@Table(name = "catalog_service")
public class ServiceEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String type;
    public String name;
    public String description;
    public boolean enabled = true;
}
