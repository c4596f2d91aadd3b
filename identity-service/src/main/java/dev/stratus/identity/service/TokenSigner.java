package dev.stratus.identity.service;

import dev.stratus.common.auth.AuthSettings;
import dev.stratus.common.auth.TokenClaims;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns token data into a JWT signed (RS256) with the primary key of the ring. */
@ApplicationScoped
public class TokenSigner {

    private final SigningKeyRing ring;
    private final String issuer;

    public TokenSigner(SigningKeyRing ring, AuthSettings auth) {
        this.ring = ring;
        this.issuer = auth.issuer();
    }

    public String sign(TokenData data) {
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(data.user().id())
                .issuedAt(data.issuedAt())
                .expiresAt(data.expiresAt())
                .claim(TokenClaims.AUDIT_ID, data.auditIds().get(0))
                .claim(TokenClaims.USER_NAME, data.user().name())
                .claim(TokenClaims.USER_DOMAIN_ID, data.userDomain().id())
                .claim(TokenClaims.METHODS, data.methods())
                .claim(TokenClaims.ROLES, data.roles().stream().map(TokenData.Ref::name).toList());
        if (data.auditIds().size() > 1) {
            claims.claim(TokenClaims.PARENT_AUDIT_ID, data.auditIds().get(1));
        }
        if (data.project() != null) {
            claims.claim(TokenClaims.PROJECT_ID, data.project().id());
            claims.claim(TokenClaims.PROJECT_DOMAIN_ID, data.projectDomain().id());
        }
        if (data.applicationCredential() != null) {
            claims.claim(TokenClaims.APPLICATION_CREDENTIAL_ID, data.applicationCredential().id());
            if (!data.applicationCredential().accessRules().isEmpty()) {
                claims.claim(TokenClaims.ACCESS_RULES, data.applicationCredential().accessRules().stream()
                        .map(dev.stratus.common.auth.AccessRule::toClaim).toList());
            }
        }
        if (data.trust() != null) {
            claims.claim(TokenClaims.TRUST_ID, data.trust().id());
        }
        if (data.domainScope() != null) {
            claims.claim(TokenClaims.DOMAIN_ID, data.domainScope().id());
        }
        SigningKeyRing.Snapshot keys = ring.current();
        return claims.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.primaryKid())
                .sign(keys.primaryKey());
    }
}
