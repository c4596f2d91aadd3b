package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "endpoint")
public class EndpointEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "service_id")
    public String serviceId;
    @Column(name = "interface")
    public String iface;
    @Column(name = "region_id")
    public String regionId;
    public String url;
    public boolean enabled = true;
}
