package dev.stratus.compute.api.view;

import static dev.stratus.compute.api.view.ComputeVersions.KEYPAIR_TYPE;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.KeypairRow;
import java.util.Map;

/**
 * Key pair bodies (Nova's views/keypairs.py): list items carry name, key and fingerprint; create adds the
 * owner and, for a generated pair only, the private key; show adds the record's id and times. {@code type}
 * from 2.2. Key pairs are never soft-deleted or updated, so those fields are constant.
 */
public final class KeypairView {

    private static final VersionedFields<KeypairRow, String> LISTED = new VersionedFields<KeypairRow, String>()
            .always("name", (k, c) -> k.name())
            .always("public_key", (k, c) -> k.publicKey())
            .always("fingerprint", (k, c) -> k.fingerprint())
            .in(KEYPAIR_TYPE, "type", (k, c) -> k.type());

    /** The context is the generated private key, null for an imported one. */
    private static final VersionedFields<KeypairRow, String> CREATED = new VersionedFields<KeypairRow, String>()
            .including(LISTED)
            .always("user_id", (k, c) -> k.userId())
            .always("private_key", (k, privateKey) -> privateKey == null ? VersionedFields.OMIT : privateKey);

    private static final VersionedFields<KeypairRow, String> DETAIL = new VersionedFields<KeypairRow, String>()
            .including(LISTED)
            .always("user_id", (k, c) -> k.userId())
            .always("id", (k, c) -> k.id())
            .always("created_at", (k, c) -> Times.micros(k.createdAt()))
            .always("updated_at", (k, c) -> null)
            .always("deleted", (k, c) -> false)
            .always("deleted_at", (k, c) -> null);

    private KeypairView() {
    }

    /** One item of {@code keypairs}: {@code {"keypair": {...}}}. */
    public static Map<String, Object> listed(KeypairRow k, ApiVersion v) {
        return Map.of("keypair", LISTED.render(k, null, v));
    }

    public static Map<String, Object> created(KeypairRow k, String privateKey, ApiVersion v) {
        return CREATED.render(k, privateKey, v);
    }

    public static Map<String, Object> detail(KeypairRow k, ApiVersion v) {
        return DETAIL.render(k, null, v);
    }
}
