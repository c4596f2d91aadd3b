package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

@Entity
@Table(name = "group_membership")
@IdClass(GroupMembershipEntity.Key.class)
public class GroupMembershipEntity extends PanacheEntityBase {

    @Id
    @Column(name = "group_id")
    public String groupId;
    @Id
    @Column(name = "user_id")
    public String userId;

    /**
     * Deletes this row with a query rather than {@code delete()}: Hibernate Reactive 3.2 shares one delete
     * coordinator per entity between all sessions, so concurrent entity deletes can resume on another request's
     * event loop (HR000069).
     */
    public Uni<Long> deleteRow() {
        return delete("groupId = ?1 and userId = ?2", groupId, userId);
    }

    public static GroupMembershipEntity of(String groupId, String userId) {
        GroupMembershipEntity m = new GroupMembershipEntity();
        m.groupId = groupId;
        m.userId = userId;
        return m;
    }

    /** Ids of the groups a user belongs to. */
    public static Uni<List<String>> groupsOf(String userId) {
        return GroupMembershipEntity.<GroupMembershipEntity>list("userId", userId)
                .map(list -> list.stream().map(m -> m.groupId).toList());
    }

    /** Ids of a group's members. */
    public static Uni<List<String>> membersOf(String groupId) {
        return GroupMembershipEntity.<GroupMembershipEntity>list("groupId", groupId)
                .map(list -> list.stream().map(m -> m.userId).toList());
    }

    public record Key(String groupId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
