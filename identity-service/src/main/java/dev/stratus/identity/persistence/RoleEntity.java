package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "role")
public class RoleEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    public String description;
}
