package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "implied_role")
@IdClass(ImpliedRoleEntity.Key.class)
public class ImpliedRoleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "prior_role_id")
    public String priorRoleId;
    @Id
    @Column(name = "implied_role_id")
    public String impliedRoleId;

    public record Key(String priorRoleId, String impliedRoleId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
