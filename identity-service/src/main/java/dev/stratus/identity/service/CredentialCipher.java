package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.config.IdentitySettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Encrypts credential blobs at rest with AES-256-GCM under a key kept in a file apart from the database
 * ({@code stratus.identity.credential-key-file}), as Keystone keeps its credential keys on disk: a copy of the
 * database alone does not give the secrets away. The file is made on first use, readable by its owner only.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final Logger LOG = Logger.getLogger(CredentialCipher.class);
    private static final String PREFIX = "aes-gcm:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> keyFile;
    private volatile SecretKeySpec key;

    public CredentialCipher(IdentitySettings settings) {
        this.keyFile = settings.credentialKeyFile();
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a credential", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a credential blob is not in a known encrypted form");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a credential blob does not decrypt with the configured key (was the"
                    + " credential key file replaced?)", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                current = key;
            }
        }
        return current;
    }

    private SecretKeySpec load() {
        Path file = Path.of(keyFile.orElseThrow(() -> ApiException.unavailable("Credentials are not available:"
                + " this cloud has no credential encryption key (stratus.identity.credential-key-file).")));
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Path partial = file.resolveSibling(file.getFileName() + ".part");
                Files.deleteIfExists(partial);
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(partial, Base64.getEncoder().encodeToString(fresh));
                try {
                    // a hard link never replaces: another instance that made the key first keeps it
                    Files.createLink(file, partial);
                    LOG.infof("Made the credential encryption key %s", file);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    LOG.infof("The credential encryption key %s was made by another instance", file);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(file).strip());
            if (bytes.length != 32) {
                throw new IllegalStateException("the credential key in " + file + " is not 32 bytes");
            }
            return new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or make the credential key " + file, e);
        }
    }
}
