package dev.stratus.common.web.app;

import dev.stratus.common.auth.KeySource;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwk.RsaJsonWebKey;

/** Stands in for the identity service: one RSA key, published as JWKS, that tests sign tokens with. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestKeys implements KeySource {

    public static final String KID = "test-key";
    private final KeyPair pair;

    public TestKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
    }

    @Override
    public Uni<String> fetchJwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(KID);
        jwk.setUse("sig");
        return Uni.createFrom().item("{\"keys\":[" + jwk.toJson() + "]}");
    }

    public String token(String userId, String projectId, List<String> roles) {
        return token(userId, projectId, roles, Instant.now().plusSeconds(600), pair.getPrivate());
    }

    /** A token that expired an hour ago. */
    public String expiredToken(String userId, String projectId) {
        return token(userId, projectId, List.of("member"), Instant.now().minusSeconds(3600), pair.getPrivate());
    }

    /** A token naming this key's id but signed by another key. */
    public String foreignToken(String userId, String projectId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return token(userId, projectId, List.of("admin"), Instant.now().plusSeconds(600),
                generator.generateKeyPair().getPrivate());
    }

    private static String token(String userId, String projectId, List<String> roles, Instant expiresAt,
            java.security.PrivateKey key) {
        return Jwt.claims().issuer("stratus-identity").subject(userId).claim("jti", "audit-" + userId)
                .claim("project_id", projectId).claim("roles", roles).claim("methods", List.of("password"))
                .issuedAt(expiresAt.minusSeconds(1200)).expiresAt(expiresAt)
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(KID).sign(key);
    }
}
