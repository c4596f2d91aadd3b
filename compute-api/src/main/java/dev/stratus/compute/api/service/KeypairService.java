package dev.stratus.compute.api.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.Page;
import dev.stratus.common.persistence.Db;
import dev.stratus.compute.api.persistence.KeypairRepository;
import dev.stratus.compute.api.persistence.KeypairRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Key pairs of one user (Nova's KeypairAPI): imported keys are fingerprinted, missing ones generated; the
 * key_pairs quota is checked before the work and again, under a per-user lock, in the transaction that
 * writes the row.
 */
@ApplicationScoped
public class KeypairService {

    public static final String SSH = "ssh";
    public static final String X509 = "x509";

    /** What create answers: the stored key pair, and the private key when the server generated it. */
    public record Created(KeypairRow keypair, String privateKey) {
    }

    private final KeypairRepository keypairs;
    private final QuotaService quotas;
    private final Db db;

    public KeypairService(KeypairRepository keypairs, QuotaService quotas, Db db) {
        this.keypairs = keypairs;
        this.quotas = quotas;
        this.db = db;
    }

    public KeypairRow get(String userId, String name) {
        return keypairs.find(userId, name).orElseThrow(() -> notFound(userId, name));
    }

    /** Every key pair of the user, by name (the list before 2.35 is not paged). */
    public List<KeypairRow> all(String userId) {
        return keypairs.list(userId, null, Integer.MAX_VALUE - 1);
    }

    /** One page by name after {@code marker}, which must name one of the user's key pairs. */
    public Page<KeypairRow> page(String userId, String marker, int limit) {
        if (marker != null && keypairs.find(userId, marker).isEmpty()) {
            throw ApiException.badRequest("Marker " + marker + " could not be found.");
        }
        return Page.fromOverfetch(keypairs.list(userId, marker, limit), limit);
    }

    @Transactional
    public Created importKey(String projectId, String userId, String name, String type, String publicKey) {
        quotas.checkKeyPairs(projectId, userId);
        String fingerprint = X509.equals(type) ? KeyMaterial.x509Fingerprint(publicKey)
                : KeyMaterial.sshFingerprint(publicKey);
        return new Created(store(projectId, userId, name, type, publicKey, fingerprint), null);
    }

    @Transactional
    public Created generate(String projectId, String userId, String name, String type) {
        quotas.checkKeyPairs(projectId, userId);
        KeyMaterial.Generated g = X509.equals(type) ? KeyMaterial.generateX509(userId)
                : KeyMaterial.generateRsa("Generated-by-Nova");
        return new Created(store(projectId, userId, name, type, g.publicKey(), g.fingerprint()), g.privateKey());
    }

    /** The per-user lock is taken only here, after the slow part (key generation), and held to the commit. */
    private KeypairRow store(String projectId, String userId, String name, String type, String publicKey,
            String fingerprint) {
        db.lock("quota-keypairs", userId);
        quotas.checkKeyPairs(projectId, userId);
        if (!keypairs.insert(userId, name, fingerprint, publicKey, type)) {
            throw ApiException.conflict("Key pair '" + name + "' already exists.");
        }
        return keypairs.find(userId, name).orElseThrow();
    }

    public void delete(String userId, String name) {
        if (!keypairs.delete(userId, name)) {
            throw notFound(userId, name);
        }
    }

    private static ApiException notFound(String userId, String name) {
        return ApiException.notFound("Keypair " + name + " not found for user " + userId);
    }
}
