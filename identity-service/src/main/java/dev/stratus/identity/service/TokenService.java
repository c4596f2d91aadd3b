package dev.stratus.identity.service;

import dev.stratus.common.auth.AccessRule;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.auth.TokenVerifier;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.config.IdentitySettings;
import dev.stratus.identity.persistence.ApplicationCredentialEntity;
import dev.stratus.identity.persistence.DomainEntity;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleEntity;
import dev.stratus.identity.persistence.TrustEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Issues, validates and revokes tokens (Keystone's {@code /v3/auth/tokens}). */
@ApplicationScoped
public class TokenService {

    static final String AUTH_FAILED = "The request you have made requires authentication.";

    private final Directory directory;
    private final PasswordAuthentication passwords;
    private final EffectiveRoles effectiveRoles;
    private final TokenSigner signer;
    private final TokenVerifier verifier;
    private final Revocations revocations;
    private final IdentitySettings settings;
    private final ApplicationCredentials applicationCredentials;
    private final TrustScopes trustScopes;
    private final Trusts trusts;

    public TokenService(Directory directory, PasswordAuthentication passwords, EffectiveRoles effectiveRoles,
            TokenSigner signer, TokenVerifier verifier, Revocations revocations, IdentitySettings settings,
            ApplicationCredentials applicationCredentials, TrustScopes trustScopes, Trusts trusts) {
        this.trustScopes = trustScopes;
        this.trusts = trusts;
        this.directory = directory;
        this.passwords = passwords;
        this.effectiveRoles = effectiveRoles;
        this.signer = signer;
        this.verifier = verifier;
        this.revocations = revocations;
        this.settings = settings;
        this.applicationCredentials = applicationCredentials;
    }

    /**
     * Who authenticated, how, and the token they came with (token method) or the application credential that
     * stands for them.
     */
    private record Principal(UserEntity user, List<String> methods, AuthContext parent,
            ApplicationCredentialEntity credential, List<AccessRule> accessRules) {

        Principal(UserEntity user, List<String> methods, AuthContext parent) {
            this(user, methods, parent, null, List.of());
        }
    }

    @WithSession
    public Uni<TokenData> issue(AuthRequest request) {
        return authenticate(request)
                .invoke(principal -> MultiFactorAuthRules.require(principal.user(), principal.methods()))
                .chain(principal -> scope(principal, request));
    }

    private Uni<Principal> authenticate(AuthRequest request) {
        if (request.applicationCredential() != null) {
            return applicationCredentials.authenticate(request.applicationCredential())
                    .map(a -> new Principal(requireActive(a.user()), List.of("application_credential"), null,
                            a.credential(), a.accessRules()))
                    .call(principal -> requireDomainEnabled(principal.user().domainId));
        }
        if (request.token() != null) {
            // Keystone answers a token it cannot validate here with its TokenNotFound: a 404, not a 401.
            return verifier.verify(request.token())
                    .onFailure(ApiException.class).transform(e -> ((ApiException) e).status() == 401
                            ? ApiException.notFound("Failed to validate token") : e)
                    .invoke(parent -> {
                        if (parent.applicationCredentialId() != null) {
                            throw ApiException.forbidden("A token issued for an application credential cannot be"
                                    + " exchanged for another token.");
                        }
                        if (parent.isTrustScoped()) {
                            throw ApiException.forbidden("You are not authorized to perform the requested action:"
                                    + " Using trust-scoped token to create another token. Create a new trust-scoped"
                                    + " token instead.");
                        }
                    })
                    .chain(parent -> directory.findUser(new AuthRequest.NamedRef(parent.userId(), null, null, null))
                            .map(user -> new Principal(requireActive(user), merge(parent.methods(), "token"), parent)));
        }
        return directory.findUser(request.passwordUser()).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(ApiException.unauthorized(AUTH_FAILED));
            }
            return passwords.authenticate(user, request.password(), false)
                    .map(authenticated -> new Principal(requireActive(authenticated), List.of("password"), null));
        }).call(principal -> requireDomainEnabled(principal.user().domainId));
    }

    private Uni<TokenData> scope(Principal principal, AuthRequest request) {
        if (principal.credential() != null) {
            return ProjectEntity.<ProjectEntity>findById(principal.credential().projectId)
                    .chain(project -> project == null
                            ? Uni.createFrom().failure(ApiException.unauthorized(ApplicationCredentials.INVALID))
                            : projectScoped(principal, project, true));
        }
        if (request.trustId() != null) {
            return trustScoped(principal, request.trustId());
        }
        if (request.scopeProject() != null) {
            return directory.findProject(request.scopeProject()).chain(project -> {
                if (project == null) {
                    return Uni.createFrom().failure(ApiException.unauthorized(
                            "Could not find project: " + request.scopeProject().describe() + "."));
                }
                return projectScoped(principal, project, true);
            });
        }
        if (request.scopeDomain() != null) {
            return directory.findDomain(request.scopeDomain().id(), request.scopeDomain().name()).chain(domain -> {
                if (domain == null || !domain.enabled) {
                    return Uni.createFrom().failure(ApiException.unauthorized(
                            "Could not find domain: " + request.scopeDomain().describe() + "."));
                }
                return domainScoped(principal, domain);
            });
        }
        if (!request.explicitlyUnscoped() && principal.parent() == null && principal.user().defaultProjectId != null) {
            // Keystone scopes to the default project when the user may use it, else issues an unscoped token.
            return ProjectEntity.<ProjectEntity>findById(principal.user().defaultProjectId).chain(project ->
                    project == null || !project.enabled
                            ? unscoped(principal)
                            : projectScoped(principal, project, false));
        }
        if (principal.parent() != null && principal.parent().isProjectScoped() && !request.explicitlyUnscoped()) {
            return ProjectEntity.<ProjectEntity>findById(principal.parent().projectId())
                    .chain(project -> project == null
                            ? Uni.createFrom().failure(ApiException.unauthorized(AUTH_FAILED))
                            : projectScoped(principal, project, true));
        }
        return unscoped(principal);
    }

    private Uni<TokenData> projectScoped(Principal principal, ProjectEntity project, boolean required) {
        return DomainEntity.<DomainEntity>findById(project.domainId).chain(domain -> effectiveRoles
                .of(principal.user().id, RoleAssignmentEntity.PROJECT, project.id)
                .chain(roles -> {
                    List<RoleEntity> global = delegated(principal, roles.stream()
                            .filter(r -> r.domainId == null).toList());
                    if (global.isEmpty() || !project.enabled || !domain.enabled) {
                        if (!required) {
                            return unscoped(principal);
                        }
                        return Uni.createFrom().failure(ApiException.unauthorized("User " + principal.user().id
                                + " has no access to project " + project.id));
                    }
                    return complete(principal, new TokenData.Ref(project.id, project.name),
                            new TokenData.Ref(domain.id, domain.name), null, global);
                }));
    }

    /**
     * A token through a trust: the trust's project and roles, for the trustor when the trust impersonates; one use
     * of a limited trust is taken once the token is issued, as in Keystone.
     */
    private Uni<TokenData> trustScoped(Principal principal, String trustId) {
        return trustScopes.resolve(principal.user(), trustId).chain(d -> {
            TokenData.Trust trust = new TokenData.Trust(d.trust().id, d.trust().impersonation,
                    d.trust().trustorUserId, d.trust().trusteeUserId);
            Principal holder = new Principal(d.tokenUser(), principal.methods(), principal.parent());
            return complete(holder, new TokenData.Ref(d.project().id, d.project().name),
                    new TokenData.Ref(d.domain().id, d.domain().name), null, d.roles(), trust, d.trust().expiresAt)
                    .call(() -> Panache.withTransaction(() -> trusts.consumeUse(d.trust())));
        });
    }

    /** An application credential's token holds the delegated roles the user still has on the project. */
    private static List<RoleEntity> delegated(Principal principal, List<RoleEntity> held) {
        if (principal.credential() == null) {
            return held;
        }
        List<String> delegated = principal.credential().roles();
        return held.stream().filter(r -> delegated.contains(r.id)).toList();
    }

    private Uni<TokenData> domainScoped(Principal principal, DomainEntity domain) {
        return effectiveRoles.of(principal.user().id, RoleAssignmentEntity.DOMAIN, domain.id).chain(roles -> {
            List<RoleEntity> global = roles.stream().filter(r -> r.domainId == null).toList();
            if (global.isEmpty()) {
                return Uni.createFrom().failure(ApiException.unauthorized("User " + principal.user().id
                        + " has no access to domain " + domain.id));
            }
            return complete(principal, null, null, new TokenData.Ref(domain.id, domain.name), global);
        });
    }

    private Uni<TokenData> unscoped(Principal principal) {
        return complete(principal, null, null, null, List.of());
    }

    private Uni<TokenData> complete(Principal principal, TokenData.Ref project, TokenData.Ref projectDomain,
            TokenData.Ref domainScope, List<RoleEntity> roles) {
        return complete(principal, project, projectDomain, domainScope, roles, null, null);
    }

    private Uni<TokenData> complete(Principal principal, TokenData.Ref project, TokenData.Ref projectDomain,
            TokenData.Ref domainScope, List<RoleEntity> roles, TokenData.Trust trust, Instant trustExpiresAt) {
        UserEntity user = principal.user();
        return DomainEntity.<DomainEntity>findById(user.domainId).map(userDomain -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant expires = principal.parent() != null
                    ? principal.parent().expiresAt()
                    : now.plus(settings.tokenExpiration());
            ApplicationCredentialEntity credential = principal.credential();
            if (credential != null && credential.expiresAt != null && credential.expiresAt.isBefore(expires)) {
                expires = credential.expiresAt;
            }
            if (trustExpiresAt != null && trustExpiresAt.isBefore(expires)) {
                expires = trustExpiresAt;
            }
            List<String> auditIds = new ArrayList<>();
            auditIds.add(newAuditId());
            if (principal.parent() != null) {
                auditIds.add(principal.parent().auditIds().get(principal.parent().auditIds().size() - 1));
            } else if (credential != null) {
                auditIds.add(ApplicationCredentials.auditChainId(credential.id));
            } else if (trust != null) {
                auditIds.add(Trusts.auditChainId(trust.id()));
            }
            TokenData unsigned = new TokenData(null, principal.methods(),
                    new TokenData.Ref(user.id, user.name), new TokenData.Ref(userDomain.id, userDomain.name),
                    project, projectDomain, domainScope,
                    roles.stream().map(r -> new TokenData.Ref(r.id, r.name)).toList(),
                    List.copyOf(auditIds), now, expires, credential == null ? null
                            : new TokenData.AppCred(credential.id, credential.name, !credential.unrestricted,
                                    principal.accessRules()),
                    trust, user.passwordExpiresAt);
            return withToken(unsigned, signer.sign(unsigned));
        });
    }

    /**
     * Validates a subject token for {@code GET /v3/auth/tokens}: a token that is invalid, expired or
     * revoked, or whose user or project is gone, is a 404 as in Keystone.
     */
    @WithSession
    public Uni<TokenData> validate(String subjectToken) {
        return verifier.verify(subjectToken)
                .onFailure(ApiException.class).transform(e -> notFound())
                .chain(this::describe);
    }

    private Uni<TokenData> describe(AuthContext token) {
        return UserEntity.<UserEntity>findById(token.userId()).chain(user -> {
            if (user == null || !user.enabled) {
                return Uni.createFrom().failure(notFound());
            }
            return DomainEntity.<DomainEntity>findById(user.domainId).chain(userDomain -> scopeRefs(token)
                    .chain(scope -> credentialOf(token).chain(credential -> trustOf(token).chain(trust -> RoleEntity
                            .<RoleEntity>list(
                                    "name in ?1 and domainId is null", token.roles())
                            .map(roles -> new TokenData(token.token(), token.methods(),
                                    new TokenData.Ref(user.id, user.name),
                                    new TokenData.Ref(userDomain.id, userDomain.name),
                                    scope.project, scope.projectDomain, scope.domain,
                                    roles.stream().sorted(java.util.Comparator.comparing(r -> r.name))
                                            .map(r -> new TokenData.Ref(r.id, r.name)).toList(),
                                    token.auditIds(), token.issuedAt(), token.expiresAt(), credential, trust,
                                    user.passwordExpiresAt))))));
        });
    }

    /** The credential a token was issued for: a token whose credential is gone is not valid any more. */
    private Uni<TokenData.AppCred> credentialOf(AuthContext token) {
        if (token.applicationCredentialId() == null) {
            return Uni.createFrom().nullItem();
        }
        return ApplicationCredentialEntity.<ApplicationCredentialEntity>findById(token.applicationCredentialId())
                .onItem().ifNull().failWith(TokenService::notFound)
                .map(c -> new TokenData.AppCred(c.id, c.name, !c.unrestricted, token.accessRules()));
    }

    /** The trust a token was issued through: a token whose trust is gone or expired is not valid any more. */
    private Uni<TokenData.Trust> trustOf(AuthContext token) {
        if (token.trustId() == null) {
            return Uni.createFrom().nullItem();
        }
        return TrustEntity.<TrustEntity>findById(token.trustId())
                .map(t -> t == null || t.expired(Instant.now()) ? null
                        : new TokenData.Trust(t.id, t.impersonation, t.trustorUserId, t.trusteeUserId))
                .onItem().ifNull().failWith(TokenService::notFound);
    }

    private record ScopeRefs(TokenData.Ref project, TokenData.Ref projectDomain, TokenData.Ref domain) {
    }

    private Uni<ScopeRefs> scopeRefs(AuthContext token) {
        if (token.projectId() != null) {
            return ProjectEntity.<ProjectEntity>findById(token.projectId()).chain(project -> {
                if (project == null) {
                    return Uni.createFrom().failure(notFound());
                }
                return DomainEntity.<DomainEntity>findById(project.domainId).map(d -> new ScopeRefs(
                        new TokenData.Ref(project.id, project.name), new TokenData.Ref(d.id, d.name), null));
            });
        }
        if (token.domainId() != null) {
            return DomainEntity.<DomainEntity>findById(token.domainId()).map(d -> d == null
                    ? null
                    : new ScopeRefs(null, null, new TokenData.Ref(d.id, d.name)))
                    .onItem().ifNull().failWith(TokenService::notFound);
        }
        return Uni.createFrom().item(new ScopeRefs(null, null, null));
    }

    /** Revokes a subject token; every service learns of it through the revocation broadcast. */
    @WithTransaction
    public Uni<Void> revoke(String subjectToken) {
        return verifier.verify(subjectToken)
                .onFailure(ApiException.class).transform(e -> notFound())
                .chain(token -> revocations.revoke(RevocationEvent.ofToken(token.auditId(), token.issuedAt())));
    }

    /** Checks a subject token for the caller, who may only look at their own unless admin or service. */
    public Uni<AuthContext> subject(String subjectToken) {
        return verifier.verify(subjectToken).onFailure(ApiException.class).transform(e -> notFound());
    }

    private static ApiException notFound() {
        return ApiException.notFound("Could not find token.");
    }

    private UserEntity requireActive(UserEntity user) {
        if (user == null || !user.enabled) {
            throw ApiException.unauthorized(AUTH_FAILED);
        }
        return user;
    }

    private Uni<Void> requireDomainEnabled(String domainId) {
        return DomainEntity.<DomainEntity>findById(domainId).invoke(domain -> {
            if (domain == null || !domain.enabled) {
                throw ApiException.unauthorized(AUTH_FAILED);
            }
        }).replaceWithVoid();
    }

    private static TokenData withToken(TokenData d, String token) {
        return new TokenData(token, d.methods(), d.user(), d.userDomain(), d.project(), d.projectDomain(),
                d.domainScope(), d.roles(), d.auditIds(), d.issuedAt(), d.expiresAt(), d.applicationCredential(),
                d.trust(), d.passwordExpiresAt());
    }

    private static List<String> merge(List<String> methods, String extra) {
        LinkedHashSet<String> all = new LinkedHashSet<>(methods);
        all.add(extra);
        return List.copyOf(all);
    }

    /** Keystone's audit ids: 16 random bytes, URL-safe base64 without padding. */
    private static String newAuditId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
