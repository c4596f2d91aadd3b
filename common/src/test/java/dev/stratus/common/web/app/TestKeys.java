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
        return Jwt.claims().issuer("stratus-identity").subject(userId).claim("jti", "audit-" + userId)
                .claim("project_id", projectId).claim("roles", roles).claim("methods", List.of("password"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(KID).sign(pair.getPrivate());
    }
}
