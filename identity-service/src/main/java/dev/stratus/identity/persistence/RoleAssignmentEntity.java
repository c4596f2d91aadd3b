package dev.stratus.identity.persistence;

import dev.stratus.common.auth.RevocationEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "role_assignment")
@IdClass(RoleAssignmentEntity.Key.class)
public class RoleAssignmentEntity extends PanacheEntityBase {

    public static final String PROJECT = "project";
    public static final String DOMAIN = "domain";

    @Id
    @Column(name = "actor_id")
    public String actorId;
    @Id
    @Column(name = "target_type")
    public String targetType;
    @Id
    @Column(name = "target_id")
    public String targetId;
    @Id
    @Column(name = "role_id")
    public String roleId;

    public static RoleAssignmentEntity of(String userId, String targetType, String targetId, String roleId) {
        RoleAssignmentEntity a = new RoleAssignmentEntity();
        a.actorId = userId;
        a.targetType = targetType;
        a.targetId = targetId;
        a.roleId = roleId;
        return a;
    }

    /** Tokens carry their roles, so losing this grant must end the tokens it contributed to. */
    public RevocationEvent revocation() {
        return PROJECT.equals(targetType)
                ? RevocationEvent.ofUserOnProject(actorId, targetId)
                : RevocationEvent.ofUser(actorId);
    }

    public record Key(String actorId, String targetType, String targetId, String roleId) implements Serializable {
        public Key() {
            this(null, null, null, null);
        }
    }
}
