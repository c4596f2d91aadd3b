package dev.stratus.identity.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A user's application credential: a hashed secret standing for some of its roles on one project. */
@Entity
@Table(name = "application_credential")
public class ApplicationCredentialEntity extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    public String id;
    public String name;
    public String description;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "secret_hash")
    public String secretHash;
    /** JSON array of role ids. */
    @Column(name = "role_ids")
    public String roleIds;
    public boolean unrestricted;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public List<String> roles() {
        try {
            return JSON.readValue(roleIds, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("application credential " + id + " has unreadable roles", e);
        }
    }

    public void roles(List<String> ids) {
        try {
            roleIds = JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public static Uni<List<ApplicationCredentialEntity>> ofUser(String userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }
}
