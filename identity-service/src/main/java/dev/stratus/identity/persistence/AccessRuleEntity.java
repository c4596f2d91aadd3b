package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One access rule of a user: a request (service type, path, method) its application credentials may allow. */
@Entity
@Table(name = "access_rule")
public class AccessRuleEntity extends PanacheEntityBase {

    @Id
    public String id;
    @jakarta.persistence.Column(name = "user_id")
    public String userId;
    public String service;
    public String path;
    public String method;
}
