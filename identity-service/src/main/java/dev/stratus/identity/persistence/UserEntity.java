package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "identity_user")
public class UserEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "domain_id")
    public String domainId;
    public boolean enabled = true;
    /** bcrypt modular-crypt string; never logged, never returned. */
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "default_project_id")
    public String defaultProjectId;
    public String email;
    public String description;
    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;
    /** When the current password stops authenticating; null: never. */
    @Column(name = "password_expires_at")
    public Instant passwordExpiresAt;
    /** Whether the user set the current password itself (the minimum password age applies only then). */
    @Column(name = "password_self_service")
    public boolean passwordSelfService;
    /** Failed password authentications since the last successful one (account lockout). */
    @Column(name = "failed_auth_count")
    public int failedAuthCount;
    @Column(name = "failed_auth_at")
    public Instant failedAuthAt;
    /** Keystone's user options that are set, as a JSON object by option name (see {@code UserOptions}). */
    public String options;
    /** Attributes Keystone does not model, as a JSON object (e.g. {@code project_id}), returned as given. */
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "User[" + id + " " + name + "]";
    }
}
