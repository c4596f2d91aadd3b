package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A credential of a user; its blob is stored encrypted (see {@code CredentialCipher}). */
@Entity
@Table(name = "credential")
public class CredentialEntity extends PanacheEntityBase {

    public static final String EC2 = "ec2";

    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    public String type;
    @Column(name = "encrypted_blob")
    public String encryptedBlob;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
