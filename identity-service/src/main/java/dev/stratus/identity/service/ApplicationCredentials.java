package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.ApplicationCredentialEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Application credentials: authenticating with one, and ending one. Every token issued for a credential carries
 * the credential's audit chain id, so deleting the credential revokes all of them at once, in every service.
 */
@ApplicationScoped
public class ApplicationCredentials {

    /** Keystone's answer to a wrong id, secret or an expired credential; which one is not told. */
    static final String INVALID = "Invalid application credential ID or secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Directory directory;
    private final PasswordHasher hasher;
    private final Revocations revocations;
    private final AccessRules accessRules;

    public ApplicationCredentials(Directory directory, PasswordHasher hasher, Revocations revocations,
            AccessRules accessRules) {
        this.directory = directory;
        this.hasher = hasher;
        this.revocations = revocations;
        this.accessRules = accessRules;
    }

    /** The credential, its user and its access rules, once the secret matched and the credential is valid. */
    public record Authenticated(UserEntity user, ApplicationCredentialEntity credential,
            List<dev.stratus.common.auth.AccessRule> accessRules) {
    }

    public Uni<Authenticated> authenticate(AuthRequest.AppCredRef ref) {
        return find(ref).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().failure(unauthorized());
            }
            return hasher.matches(prehash(ref.secret()), credential.secretHash).chain(ok -> {
                if (!ok || credential.expired(Instant.now())) {
                    return Uni.createFrom().failure(unauthorized());
                }
                return UserEntity.<UserEntity>findById(credential.userId)
                        .chain(user -> accessRules.ofCredential(credential.id)
                                .map(rules -> new Authenticated(user, credential, rules)));
            });
        });
    }

    private Uni<ApplicationCredentialEntity> find(AuthRequest.AppCredRef ref) {
        if (ref.id() != null) {
            return ApplicationCredentialEntity.findById(ref.id());
        }
        return directory.findUser(ref.user()).chain(user -> user == null
                ? Uni.createFrom().nullItem()
                : ApplicationCredentialEntity.find("userId = ?1 and name = ?2", user.id, ref.name()).firstResult());
    }

    /** The stored form of a secret: bcrypt, as passwords are. */
    public Uni<String> hash(String secret) {
        return hasher.hash(prehash(secret));
    }

    /**
     * Secrets may be longer than bcrypt's 72 bytes (generated ones are 86 characters), so bcrypt is given their
     * SHA-256 digest: every character of the secret counts.
     */
    private static String prehash(String secret) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the credential and revokes the tokens issued for it; must run inside a transaction. */
    public Uni<Void> delete(ApplicationCredentialEntity credential) {
        return Directory.requireDeleted(ApplicationCredentialEntity.delete("id", credential.id),
                        () -> notFound(credential.id))
                .chain(() -> revocations.revoke(RevocationEvent.ofAuditChain(auditChainId(credential.id))));
    }

    /**
     * Keystone deletes a user's credentials on a project when the user loses a role there: they could otherwise
     * outlive the access they delegate.
     */
    public Uni<Void> deleteOnProject(String userId, String projectId) {
        return ApplicationCredentialEntity.<ApplicationCredentialEntity>list("userId = ?1 and projectId = ?2",
                userId, projectId).chain(this::deleteAll);
    }

    /** A disabled user's credentials go, as in Keystone. */
    public Uni<Void> deleteOfUser(String userId) {
        return ApplicationCredentialEntity.ofUser(userId).chain(this::deleteAll);
    }

    private Uni<Void> deleteAll(List<ApplicationCredentialEntity> credentials) {
        if (credentials.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = credentials.stream().map(c -> c.id).toList();
        return ApplicationCredentialEntity.delete("id in ?1", ids)
                .chain(() -> revocations.revokeAll(ids.stream()
                        .map(id -> RevocationEvent.ofAuditChain(auditChainId(id))).toList()));
    }

    /**
     * The audit chain id of the credential's tokens: the credential id's 16 bytes in the URL-safe base64 form of
     * every other audit id.
     */
    public static String auditChainId(String credentialId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(credentialId));
    }

    /** Keystone's generated secret: 64 random bytes, URL-safe base64 without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A token of a restricted credential may not manage credentials ({@code what}): it could mint itself wider
     * ones. Other tokens pass.
     */
    public static Uni<Void> requireUnrestricted(dev.stratus.common.auth.AuthContext caller, String what) {
        if (caller.applicationCredentialId() == null) {
            return Uni.createFrom().voidItem();
        }
        return ApplicationCredentialEntity.<ApplicationCredentialEntity>findById(caller.applicationCredentialId())
                .invoke(c -> {
                    if (c == null || !c.unrestricted) {
                        throw ApiException.forbidden("You are not authorized to perform the requested action: Using"
                                + " method 'application_credential' is not allowed for managing additional "
                                + what + ".");
                    }
                }).replaceWithVoid();
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("Could not find application credential: " + id + ".");
    }

    private static ApiException unauthorized() {
        return ApiException.unauthorized(INVALID);
    }
}
