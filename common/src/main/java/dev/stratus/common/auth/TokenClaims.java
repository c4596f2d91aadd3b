package dev.stratus.common.auth;

/** Names of the claims a Stratus token carries; the identity service writes them, every service reads them. */
public final class TokenClaims {

    public static final String USER_ID = "sub";
    public static final String AUDIT_ID = "jti";
    public static final String USER_NAME = "user_name";
    public static final String USER_DOMAIN_ID = "user_domain_id";
    public static final String PROJECT_ID = "project_id";
    public static final String PROJECT_DOMAIN_ID = "project_domain_id";
    /** Set on domain-scoped tokens. */
    public static final String DOMAIN_ID = "domain_id";
    /** Role names, implied roles included (admin implies member implies reader). */
    public static final String ROLES = "roles";
    public static final String METHODS = "methods";
    /** Audit id of the token this one was rescoped from, Keystone's audit chain. */
    public static final String PARENT_AUDIT_ID = "parent_audit_id";
    /** Id of the application credential the token was issued for, when it was. */
    public static final String APPLICATION_CREDENTIAL_ID = "app_cred_id";
    /** Id of the trust a trust-scoped token was issued through (Keystone's {@code OS-TRUST:trust}). */
    public static final String TRUST_ID = "trust_id";
    /** The access rules of the application credential, a list of {service, path, method}; absent when none. */
    public static final String ACCESS_RULES = "access_rules";

    private TokenClaims() {
    }
}
