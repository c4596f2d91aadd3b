package dev.stratus.common.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The current set of verification keys, one SmallRye JWT parser per key id. Replaced whole on each
 * refresh so readers never see a half-updated set.
 */
public final class VerificationKeys {

    private final String issuer;
    private volatile Map<String, DefaultJWTParser> parsers = Map.of();

    public VerificationKeys(String issuer) {
        this.issuer = issuer;
    }

    public Optional<DefaultJWTParser> parserFor(String keyId) {
        return Optional.ofNullable(keyId == null ? null : parsers.get(keyId));
    }

    public Set<String> keyIds() {
        return parsers.keySet();
    }

    /** Replaces the key set with the RSA signing keys of a JWKS document. */
    public void replace(String jwks) {
        Map<String, DefaultJWTParser> next = new HashMap<>();
        try {
            for (JsonWebKey key : new JsonWebKeySet(jwks).getJsonWebKeys()) {
                if (key.getKeyId() != null && key.getKey() instanceof PublicKey publicKey
                        && (key.getUse() == null || "sig".equals(key.getUse()))) {
                    next.put(key.getKeyId(), parserFor(publicKey));
                }
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("unreadable JWKS document: " + e.getMessage(), e);
        }
        parsers = Map.copyOf(next);
    }

    private DefaultJWTParser parserFor(PublicKey key) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, issuer);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setRequiredClaims(Set.of(TokenClaims.AUDIT_ID));
        info.setExpGracePeriodSecs(0);
        info.setClockSkew(30);
        return new DefaultJWTParser(info);
    }
}
