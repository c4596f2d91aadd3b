package dev.stratus.identity.service;

import dev.stratus.identity.config.IdentitySettings;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.SigningKeyEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The token signing keys, persisted in the database so every identity instance signs with the same
 * key. A staged key is published (JWKS) one rotation ahead of signing, so verifiers know it before the
 * first token it signs; a retired key stays published until every token it signed has expired.
 */
@ApplicationScoped
public class SigningKeyRing {

    private static final Logger LOG = Logger.getLogger(SigningKeyRing.class);
    /** Any constant: serialises key changes between identity instances. */
    private static final long ADVISORY_LOCK = 0x5354524154L;
    private static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(5);

    private final IdentitySettings settings;
    private volatile Snapshot snapshot;

    public record Snapshot(String primaryKid, PrivateKey primaryKey, String jwks, List<String> publishedKids) {
    }

    public SigningKeyRing(IdentitySettings settings) {
        this.settings = settings;
    }

    public Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            throw new IllegalStateException("signing keys are not loaded yet");
        }
        return s;
    }

    /** Makes sure a primary and a staged key exist, rotates when the primary is due, and reloads. */
    public Uni<Snapshot> maintain() {
        return Panache.withTransaction(() -> lock()
                .chain(() -> SigningKeyEntity.<SigningKeyEntity>listAll())
                .chain(keys -> ensureKeys(keys, false)))
                .chain(this::reload);
    }

    /** Rotates now: staged becomes primary, primary retires, a new key is staged. */
    public Uni<Snapshot> rotate() {
        return Panache.withTransaction(() -> lock()
                .chain(() -> SigningKeyEntity.<SigningKeyEntity>listAll())
                .chain(keys -> ensureKeys(keys, true)))
                .chain(this::reload);
    }

    private Uni<Void> lock() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(" + ADVISORY_LOCK + ")")
                .getSingleResult()).replaceWithVoid();
    }

    private Uni<Void> ensureKeys(List<SigningKeyEntity> keys, boolean forceRotation) {
        Instant now = Instant.now();
        SigningKeyEntity primary = find(keys, SigningKeyEntity.PRIMARY);
        SigningKeyEntity staged = find(keys, SigningKeyEntity.STAGED);
        Uni<Void> work = Uni.createFrom().voidItem();
        if (primary == null) {
            primary = staged != null ? staged : newKey(now);
            staged = null;
            primary.state = SigningKeyEntity.PRIMARY;
            primary.activatedAt = now;
            work = persistAll(work, primary);
            LOG.infof("Token signing key %s is now primary", primary.kid);
        } else if (forceRotation || primary.activatedAt.plus(settings.keyRotationInterval()).isBefore(now)) {
            primary.state = SigningKeyEntity.RETIRED;
            primary.retiredAt = now;
            SigningKeyEntity next = staged != null ? staged : newKey(now);
            // Flush the retirement before promoting: the partial unique index allows one primary at a time.
            work = persistAll(work, primary).call(() -> Panache.flush()).chain(() -> {
                next.state = SigningKeyEntity.PRIMARY;
                next.activatedAt = now;
                return next.persist();
            }).replaceWithVoid();
            LOG.infof("Rotated token signing keys: %s retired, %s primary", primary.kid, next.kid);
            staged = null;
        }
        if (staged == null) {
            work = persistAll(work, newKey(now));
        }
        Instant expiredBefore = now.minus(settings.tokenExpiration()).minus(RETIREMENT_MARGIN);
        return work.chain(() -> SigningKeyEntity.delete(
                "state = ?1 and retiredAt < ?2", SigningKeyEntity.RETIRED, expiredBefore)).replaceWithVoid();
    }

    private static Uni<Void> persistAll(Uni<Void> before, SigningKeyEntity key) {
        return before.chain(() -> key.persist()).replaceWithVoid();
    }

    private Uni<Snapshot> reload() {
        return Panache.withSession(() -> SigningKeyEntity.<SigningKeyEntity>listAll())
                .map(keys -> {
                    Snapshot next = snapshotOf(keys);
                    snapshot = next;
                    return next;
                });
    }

    private static Snapshot snapshotOf(List<SigningKeyEntity> keys) {
        SigningKeyEntity primary = find(keys, SigningKeyEntity.PRIMARY);
        if (primary == null) {
            throw new IllegalStateException("no primary signing key");
        }
        StringBuilder jwks = new StringBuilder("{\"keys\":[");
        List<String> kids = keys.stream().map(k -> k.kid).sorted().toList();
        boolean first = true;
        for (SigningKeyEntity key : keys) {
            jwks.append(first ? "" : ",").append(key.publicJwk);
            first = false;
        }
        jwks.append("]}");
        return new Snapshot(primary.kid, decodePrivate(primary.privateKey), jwks.toString(), kids);
    }

    private static SigningKeyEntity find(List<SigningKeyEntity> keys, String state) {
        return keys.stream().filter(k -> state.equals(k.state)).findFirst().orElse(null);
    }

    static SigningKeyEntity newKey(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            SigningKeyEntity key = new SigningKeyEntity();
            key.kid = Ids.newId();
            jwk.setKeyId(key.kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            key.state = SigningKeyEntity.STAGED;
            key.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            key.publicJwk = jwk.toJson();
            key.createdAt = now;
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static PrivateKey decodePrivate(String pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        }
    }
}
