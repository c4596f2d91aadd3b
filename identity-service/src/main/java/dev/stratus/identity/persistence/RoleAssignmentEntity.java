package dev.stratus.identity.persistence;

import dev.stratus.common.auth.RevocationEvent;
import io.smallrye.mutiny.Uni;
import java.util.List;
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
    /** A grant on the system: its target id is always {@link #ALL_SYSTEM}. */
    public static final String SYSTEM = "system";
    public static final String ALL_SYSTEM = "all";
    public static final String USER = "user";
    public static final String GROUP = "group";

    @Id
    @Column(name = "actor_id")
    public String actorId;
    /** {@link #USER} or {@link #GROUP}. */
    @Column(name = "actor_type")
    public String actorType = USER;
    @Id
    @Column(name = "target_type")
    public String targetType;
    @Id
    @Column(name = "target_id")
    public String targetId;
    @Id
    @Column(name = "role_id")
    public String roleId;

    /**
     * Deletes this row with a query rather than {@code delete()}: Hibernate Reactive 3.2 shares one delete
     * coordinator per entity between all sessions, so concurrent entity deletes can resume on another request's
     * event loop (HR000069).
     */
    public Uni<Long> deleteRow() {
        return delete("actorId = ?1 and targetType = ?2 and targetId = ?3 and roleId = ?4", actorId,
                targetType, targetId, roleId);
    }

    public static RoleAssignmentEntity of(String userId, String targetType, String targetId, String roleId) {
        return of(USER, userId, targetType, targetId, roleId);
    }

    public static RoleAssignmentEntity of(String actorType, String actorId, String targetType, String targetId,
            String roleId) {
        RoleAssignmentEntity a = new RoleAssignmentEntity();
        a.actorType = actorType;
        a.actorId = actorId;
        a.targetType = targetType;
        a.targetId = targetId;
        a.roleId = roleId;
        return a;
    }

    /**
     * Tokens carry their roles, so losing this grant must end the tokens it contributed to: those of the
     * user, or of each member when the actor is a group.
     */
    public Uni<List<RevocationEvent>> revocations() {
        Uni<List<String>> users = GROUP.equals(actorType)
                ? GroupMembershipEntity.membersOf(actorId) : Uni.createFrom().item(List.of(actorId));
        return users.map(ids -> ids.stream().map(user -> PROJECT.equals(targetType)
                ? RevocationEvent.ofUserOnProject(user, targetId)
                : RevocationEvent.ofUser(user)).toList());
    }

    public record Key(String actorId, String targetType, String targetId, String roleId) implements Serializable {
        public Key() {
            this(null, null, null, null);
        }
    }
}
