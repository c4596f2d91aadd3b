package dev.stratus.identity.persistence;

import dev.stratus.common.auth.RevocationEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.List;

/**
 * An OS-INHERIT grant: the actor holds the role on every project below the target (all projects of a domain,
 * or the subtree of a project), never on the target itself.
 */
@Entity
@Table(name = "inherited_role_assignment")
@IdClass(RoleAssignmentEntity.Key.class)
public class InheritedRoleAssignmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "actor_id")
    public String actorId;
    /** {@link RoleAssignmentEntity#USER} or {@link RoleAssignmentEntity#GROUP}. */
    @Column(name = "actor_type")
    public String actorType;
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

    public static InheritedRoleAssignmentEntity of(String actorType, String actorId, String targetType,
            String targetId, String roleId) {
        InheritedRoleAssignmentEntity a = new InheritedRoleAssignmentEntity();
        a.actorType = actorType;
        a.actorId = actorId;
        a.targetType = targetType;
        a.targetId = targetId;
        a.roleId = roleId;
        return a;
    }

    /**
     * Losing this grant ends the tokens of the user (or of each member of the group): they may be scoped to
     * any project below the target.
     */
    public Uni<List<RevocationEvent>> revocations() {
        Uni<List<String>> users = RoleAssignmentEntity.GROUP.equals(actorType)
                ? GroupMembershipEntity.membersOf(actorId) : Uni.createFrom().item(List.of(actorId));
        return users.map(ids -> ids.stream().map(RevocationEvent::ofUser).toList());
    }
}
