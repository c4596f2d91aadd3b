package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "region")
public class RegionEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String description;
    @Column(name = "parent_region_id")
    public String parentRegionId;
}
