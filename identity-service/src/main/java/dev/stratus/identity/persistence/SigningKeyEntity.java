package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "signing_key")
public class SigningKeyEntity extends PanacheEntityBase {

    public static final String STAGED = "staged";
    public static final String PRIMARY = "primary";
    public static final String RETIRED = "retired";

    @Id
    public String kid;
    public String state;
    /** PKCS#8, base64. */
    @Column(name = "private_key")
    public String privateKey;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
