package dev.stratus.common.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies tokens locally with the identity service's public keys: no round trip per request. Keys
 * are read at start-up, re-read periodically and on rotation notices, and re-read (rate limited) when a
 * token names a key id not seen yet.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTH_REQUIRED = "The request you have made requires authentication.";

    private final KeySource keySource;
    private final RevocationList revocations;
    private final AuthSettings settings;
    private final VerificationKeys keys;
    private final AtomicLong lastOnDemandRefresh = new AtomicLong();
    private ScheduledExecutorService refresher;

    public TokenVerifier(KeySource keySource, RevocationList revocations, AuthSettings settings) {
        this.keySource = keySource;
        this.revocations = revocations;
        this.settings = settings;
        this.keys = new VerificationKeys(settings.issuer());
    }

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stratus-key-refresh");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, settings.keyRefreshInterval().toSeconds());
        // First read right away; if the identity service is not up yet, retry soon rather than in minutes.
        refresher.schedule(this::refreshUntilLoaded, 0, TimeUnit.SECONDS);
        refresher.scheduleAtFixedRate(() -> refreshKeys().subscribe().with(
                ok -> { }, e -> LOG.warnf("Periodic key refresh failed: %s", e.getMessage())),
                period, period, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refreshUntilLoaded() {
        refreshKeys().subscribe().with(
                ok -> LOG.infof("Loaded %d token verification key(s)", keys.keyIds().size()),
                e -> {
                    LOG.warnf("Could not read token verification keys yet (%s); retrying", e.getMessage());
                    refresher.schedule(this::refreshUntilLoaded, 2, TimeUnit.SECONDS);
                });
    }

    /** Re-reads the verification keys now (e.g. after a rotation notice). */
    public Uni<Void> refreshKeys() {
        return keySource.fetchJwks().invoke(keys::replace).replaceWithVoid();
    }

    /** Verifies signature, issuer, expiry and revocation; any failure is a 401. */
    public Uni<AuthContext> verify(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().failure(ApiException.unauthorized(AUTH_REQUIRED));
        }
        String keyId;
        try {
            keyId = keyIdOf(token);
        } catch (RuntimeException garbled) {
            return Uni.createFrom().failure(ApiException.unauthorized(AUTH_REQUIRED));
        }
        Optional<DefaultJWTParser> parser = keys.parserFor(keyId);
        if (parser.isPresent()) {
            return Uni.createFrom().item(() -> check(parser.get(), token));
        }
        if (!mayRefreshOnDemand()) {
            return Uni.createFrom().failure(ApiException.unauthorized(AUTH_REQUIRED));
        }
        return refreshKeys()
                .onFailure().recoverWithNull()
                .map(ignored -> check(keys.parserFor(keyId)
                        .orElseThrow(() -> ApiException.unauthorized(AUTH_REQUIRED)), token));
    }

    /** Synchronous verification for callers that already hold current keys (benchmarks, tests). */
    public AuthContext verifyNow(String token) {
        String keyId;
        try {
            keyId = keyIdOf(token);
        } catch (RuntimeException garbled) {
            throw ApiException.unauthorized(AUTH_REQUIRED);
        }
        return check(keys.parserFor(keyId).orElseThrow(() -> ApiException.unauthorized(AUTH_REQUIRED)), token);
    }

    private AuthContext check(DefaultJWTParser parser, String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            LOG.debugf("Token refused: %s", e.getMessage());
            throw ApiException.unauthorized(AUTH_REQUIRED);
        }
        AuthContext context = toContext(jwt, token);
        if (revocations.isRevoked(context)) {
            throw ApiException.unauthorized(AUTH_REQUIRED);
        }
        return context;
    }

    private boolean mayRefreshOnDemand() {
        long now = System.nanoTime();
        long last = lastOnDemandRefresh.get();
        long minGap = settings.unknownKeyRefreshMinInterval().toNanos();
        return (last == 0 || now - last >= minGap) && lastOnDemandRefresh.compareAndSet(last, now);
    }

    static String keyIdOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not a JWS");
        }
        byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
        try {
            JsonNode kid = JSON.readTree(new String(header, StandardCharsets.UTF_8)).get("kid");
            return kid == null ? null : kid.asText();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable JWS header", e);
        }
    }

    private static AuthContext toContext(JsonWebToken jwt, String token) {
        List<String> auditIds = new ArrayList<>();
        auditIds.add(jwt.getClaim(TokenClaims.AUDIT_ID).toString());
        String parent = stringClaim(jwt, TokenClaims.PARENT_AUDIT_ID);
        if (parent != null) {
            auditIds.add(parent);
        }
        return new AuthContext(
                token,
                jwt.getSubject(),
                stringClaim(jwt, TokenClaims.USER_NAME),
                stringClaim(jwt, TokenClaims.USER_DOMAIN_ID),
                stringClaim(jwt, TokenClaims.PROJECT_ID),
                stringClaim(jwt, TokenClaims.PROJECT_DOMAIN_ID),
                stringClaim(jwt, TokenClaims.DOMAIN_ID),
                Set.copyOf(stringList(jwt, TokenClaims.ROLES)),
                List.copyOf(stringList(jwt, TokenClaims.METHODS)),
                List.copyOf(auditIds),
                Instant.ofEpochSecond(jwt.getIssuedAtTime()),
                Instant.ofEpochSecond(jwt.getExpirationTime()),
                stringClaim(jwt, TokenClaims.APPLICATION_CREDENTIAL_ID),
                stringClaim(jwt, TokenClaims.TRUST_ID),
                accessRules(jwt));
    }

    private static List<AccessRule> accessRules(JsonWebToken jwt) {
        if (!(jwt.getClaim(TokenClaims.ACCESS_RULES) instanceof jakarta.json.JsonArray array)) {
            return List.of();
        }
        List<AccessRule> rules = new ArrayList<>();
        for (jakarta.json.JsonValue value : array) {
            jakarta.json.JsonObject rule = value.asJsonObject();
            rules.add(new AccessRule(rule.getString("service", ""), rule.getString("path", ""),
                    rule.getString("method", "")));
        }
        return List.copyOf(rules);
    }

    private static String stringClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value.toString();
    }

    private static Collection<String> stringList(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof jakarta.json.JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                out.add(array.getString(i));
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        }
        return out;
    }
}
