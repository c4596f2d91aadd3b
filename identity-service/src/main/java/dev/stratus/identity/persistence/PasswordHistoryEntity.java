package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A password a user had before the current one (bcrypt hash), for the password history rule. */
@Entity
@Table(name = "password_history")
public class PasswordHistoryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "user_id")
    public String userId;
    /** bcrypt modular-crypt string; never logged, never returned. */
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "created_at")
    public Instant createdAt;
}
