package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An endpoint group associated with a project (OS-EP-FILTER). */
@Entity
@Table(name = "project_endpoint_group")
@IdClass(ProjectEndpointGroupEntity.Key.class)
public class ProjectEndpointGroupEntity extends PanacheEntityBase {

    @Id
    @Column(name = "endpoint_group_id")
    public String endpointGroupId;
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Adds the association unless it exists (in one statement, so racing requests cannot both add it). */
    public static Uni<Boolean> addIfAbsent(String endpointGroupId, String projectId) {
        String insert = "insert into project_endpoint_group (endpoint_group_id, project_id) values (?1, ?2)"
                + " on conflict do nothing";
        return Panache.getSession().chain(s -> s.createNativeQuery(insert).setParameter(1, endpointGroupId)
                .setParameter(2, projectId).executeUpdate()).map(rows -> rows > 0);
    }

    public record Key(String endpointGroupId, String projectId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
