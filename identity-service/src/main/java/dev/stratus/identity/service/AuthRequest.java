package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST /v3/auth/tokens} body: how the caller proves who they are and what they want
 * the token scoped to. Malformed bodies are a 400, worded as Keystone words them.
 */
public record AuthRequest(
        List<String> methods,
        NamedRef passwordUser,
        String password,
        String token,
        NamedRef scopeProject,
        NamedRef scopeDomain,
        boolean explicitlyUnscoped,
        AppCredRef applicationCredential,
        String trustId) {

    /** An application credential by id, or by name with its user; and its secret. */
    public record AppCredRef(String id, String name, NamedRef user, String secret) {
    }

    /** Something named by id, or by name within a domain named by id or name. */
    public record NamedRef(String id, String name, String domainId, String domainName) {
        String describe() {
            return id != null ? id : name;
        }
    }

    public static AuthRequest parse(JsonNode body) {
        JsonNode auth = required(body, "auth", "auth");
        JsonNode identity = required(auth, "identity", "auth");
        JsonNode methodsNode = required(identity, "methods", "identity");
        if (!methodsNode.isArray() || methodsNode.isEmpty()) {
            throw malformed("methods", "identity");
        }
        List<String> methods = new ArrayList<>();
        methodsNode.forEach(m -> methods.add(m.asText()));
        for (String method : methods) {
            if (!method.equals("password") && !method.equals("token") && !method.equals("application_credential")) {
                throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
            }
        }
        NamedRef user = null;
        String password = null;
        String token = null;
        if (methods.contains("password")) {
            JsonNode userNode = required(required(identity, "password", "identity"), "user", "password");
            user = ref(userNode, "user");
            password = text(userNode, "password");
            if (password == null) {
                throw malformed("password", "user");
            }
        }
        if (methods.contains("token")) {
            token = text(required(identity, "token", "identity"), "id");
            if (token == null) {
                throw malformed("id", "token");
            }
        }
        AppCredRef appCred = null;
        if (methods.contains("application_credential")) {
            if (methods.size() > 1) {
                throw ApiException.unauthorized("Attempted to authenticate with an unsupported method.");
            }
            if (auth.has("scope")) {
                throw ApiException.unauthorized("Error authenticating with application credential: Application"
                        + " credentials cannot request a scope.");
            }
            appCred = appCred(required(identity, "application_credential", "identity"));
        }
        NamedRef project = null;
        NamedRef domain = null;
        boolean unscoped = false;
        String trust = null;
        JsonNode scope = auth.get("scope");
        if (scope != null && scope.isTextual() && "unscoped".equals(scope.asText())) {
            unscoped = true;
        } else if (scope != null && scope.isObject()) {
            if (scope.has("project")) {
                project = ref(scope.get("project"), "project");
            } else if (scope.has("domain")) {
                JsonNode d = scope.get("domain");
                domain = new NamedRef(text(d, "id"), text(d, "name"), null, null);
                if (domain.id() == null && domain.name() == null) {
                    throw malformed("id or name", "domain");
                }
            } else if (scope.has("OS-TRUST:trust")) {
                trust = text(scope.get("OS-TRUST:trust"), "id");
                if (trust == null) {
                    throw malformed("trust_id", "trust");
                }
            } else if (scope.has("system")) {
                throw ApiException.badRequest("System-scoped tokens are not supported by this cloud; "
                        + "scope the token to a project.");
            }
        }
        return new AuthRequest(List.copyOf(methods), user, password, token, project, domain, unscoped, appCred,
                trust);
    }

    private static AppCredRef appCred(JsonNode node) {
        String secret = text(node, "secret");
        if (secret == null) {
            throw malformed("secret", "application_credential");
        }
        String id = text(node, "id");
        if (id != null) {
            return new AppCredRef(id, null, null, secret);
        }
        String name = text(node, "name");
        if (name == null) {
            throw malformed("id or name", "application_credential");
        }
        return new AppCredRef(null, name, ref(required(node, "user", "application_credential"), "user"), secret);
    }

    private static NamedRef ref(JsonNode node, String what) {
        String id = text(node, "id");
        String name = text(node, "name");
        if (id == null && name == null) {
            throw malformed("id or name", what);
        }
        String domainId = null;
        String domainName = null;
        if (id == null) {
            JsonNode domain = node.get("domain");
            if (domain == null) {
                throw malformed("domain", what);
            }
            domainId = text(domain, "id");
            domainName = text(domain, "name");
            if (domainId == null && domainName == null) {
                throw malformed("id or name", "domain");
            }
        }
        return new NamedRef(id, name, domainId, domainName);
    }

    private static JsonNode required(JsonNode node, String field, String within) {
        JsonNode child = node == null ? null : node.get(field);
        if (child == null || child.isNull()) {
            throw malformed(field, within);
        }
        return child;
    }

    private static String text(JsonNode node, String field) {
        JsonNode child = node.get(field);
        return child == null || child.isNull() ? null : child.asText();
    }

    private static ApiException malformed(String field, String within) {
        return ApiException.badRequest("Expecting to find " + field + " in " + within
                + ". The server could not comply with the request since it is either malformed or otherwise"
                + " incorrect. The client is assumed to be in error.");
    }
}
