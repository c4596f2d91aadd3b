package dev.stratus.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.persistence.CredentialEntity;
import dev.stratus.identity.persistence.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keystone's credentials: a user's blobs by type, encrypted at rest. An EC2 credential (type {@code ec2}) is
 * named by the SHA-256 of its access key, so the access key finds it. Tokens issued for an application credential
 * reach only the credentials of their project, and a restricted one makes no EC2 credential.
 */
@ApplicationScoped
public class Credentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Directory directory;
    private final CredentialCipher cipher;

    public Credentials(Directory directory, CredentialCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /** A credential with its blob in clear, for the answers. */
    public record Clear(CredentialEntity row, String blob) {
    }

    public Uni<Clear> create(AuthContext caller, String userId, String projectId, String type, String blob) {
        String id = CredentialEntity.EC2.equalsIgnoreCase(type) ? ec2Id(access(blob)) : Ids.newId();
        return checkDelegation(caller, projectId, type)
                .chain(() -> directory.user(userId))
                .chain(() -> projectId == null ? Uni.createFrom().voidItem()
                        : directory.project(projectId).replaceWithVoid())
                .chain(() -> CredentialEntity.count("id", id))
                .chain(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(ApiException.conflict("Conflict occurred attempting to store"
                                + " credential - Duplicate entry."));
                    }
                    CredentialEntity row = new CredentialEntity();
                    row.id = id;
                    row.userId = userId;
                    row.projectId = projectId;
                    row.type = type;
                    row.encryptedBlob = cipher.encrypt(blob);
                    return row.<CredentialEntity>persist().map(saved -> new Clear(saved, blob));
                });
    }

    /** The credential, once the caller may see it (owner or admin); 404 when it does not exist. */
    public Uni<Clear> find(AuthContext caller, String id, boolean admin) {
        return CredentialEntity.<CredentialEntity>findById(id).map(row -> {
            if (row == null) {
                throw notFound(id);
            }
            if (!admin && !row.userId.equals(caller.userId())) {
                throw ApiException.forbidden("You are not authorized to perform the requested action:"
                        + " identity:get_credential.");
            }
            requireDelegatedProject(caller, row.projectId);
            return clear(row);
        });
    }

    public Clear clear(CredentialEntity row) {
        return new Clear(row, cipher.decrypt(row.encryptedBlob));
    }

    public Uni<Clear> update(AuthContext caller, Clear current, JsonNode changes) {
        CredentialEntity row = current.row();
        String type = changes.has("type") ? text(changes, "type") : row.type;
        String blob = changes.has("blob") ? text(changes, "blob") : current.blob();
        String projectId = changes.has("project_id") ? nullableText(changes, "project_id") : row.projectId;
        String userId = changes.has("user_id") ? text(changes, "user_id") : row.userId;
        if (CredentialEntity.EC2.equalsIgnoreCase(type)) {
            access(blob);
        }
        requireDelegatedProject(caller, projectId);
        return directory.user(userId)
                .chain(() -> projectId == null ? Uni.createFrom().voidItem()
                        : directory.project(projectId).replaceWithVoid())
                .map(x -> {
                    row.type = type;
                    row.userId = userId;
                    row.projectId = projectId;
                    row.encryptedBlob = cipher.encrypt(blob);
                    return new Clear(row, blob);
                });
    }

    public Uni<Void> delete(String id) {
        return Directory.requireDeleted(CredentialEntity.delete("id", id), () -> notFound(id));
    }

    /** A new EC2 key pair of the user on the project, as Keystone makes them: two random hex strings. */
    public Uni<Clear> createEc2(AuthContext caller, String userId, String projectId) {
        ObjectNode blob = JSON.createObjectNode();
        blob.put("access", Ids.newId());
        blob.put("secret", Ids.newId());
        blob.putNull("trust_id");
        if (caller.applicationCredentialId() != null) {
            blob.put("app_cred_id", caller.applicationCredentialId());
        }
        return create(caller, userId, projectId, CredentialEntity.EC2, blob.toString());
    }

    /** Keystone's id of an EC2 credential: the hex SHA-256 of its access key. */
    public static String ec2Id(String access) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(access.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The access key of an EC2 blob, which must be a JSON object with one. */
    public static String access(String blob) {
        JsonNode node;
        try {
            node = JSON.readTree(blob);
        } catch (Exception e) {
            throw ApiException.badRequest("Invalid blob in credential");
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw ApiException.badRequest("Expecting to find blob in credential. The server could not comply with"
                    + " the request since it is either malformed or otherwise incorrect. The client is assumed to be"
                    + " in error.");
        }
        JsonNode access = node.get("access");
        if (access == null || access.isNull()) {
            throw ApiException.badRequest("Expecting to find access in credential. The server could not comply with"
                    + " the request since it is either malformed or otherwise incorrect. The client is assumed to be"
                    + " in error.");
        }
        return access.asText();
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("Could not find credential: " + id + ".");
    }

    private static Uni<Void> checkDelegation(AuthContext caller, String projectId, String type) {
        requireDelegatedProject(caller, projectId);
        return CredentialEntity.EC2.equalsIgnoreCase(type)
                ? ApplicationCredentials.requireUnrestricted(caller, "credentials") : Uni.createFrom().voidItem();
    }

    /** A delegated token (application credential) reaches only the credentials of its own project. */
    static void requireDelegatedProject(AuthContext caller, String projectId) {
        if (caller.applicationCredentialId() != null && !java.util.Objects.equals(caller.projectId(), projectId)) {
            throw ApiException.forbidden("You are not authorized to perform the requested action: Credential project"
                    + " does not match the project scope of the delegated token.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw ApiException.badRequest("Invalid input for field '" + field + "': the value must be a string.");
        }
        return v.asText();
    }

    private static String nullableText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : text(node, field);
    }
}
