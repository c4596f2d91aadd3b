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

/** An endpoint associated with a project (OS-EP-FILTER). */
@Entity
@Table(name = "project_endpoint")
@IdClass(ProjectEndpointEntity.Key.class)
public class ProjectEndpointEntity extends PanacheEntityBase {

    @Id
    @Column(name = "endpoint_id")
    public String endpointId;
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Adds the association unless it exists (in one statement, so racing requests cannot both add it). */
    public static Uni<Boolean> addIfAbsent(String endpointId, String projectId) {
        String insert = "insert into project_endpoint (endpoint_id, project_id) values (?1, ?2) on conflict do nothing";
        return Panache.getSession().chain(s -> s.createNativeQuery(insert).setParameter(1, endpointId)
                .setParameter(2, projectId).executeUpdate()).map(rows -> rows > 0);
    }

    public record Key(String endpointId, String projectId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
