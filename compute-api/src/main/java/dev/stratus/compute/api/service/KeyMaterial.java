package dev.stratus.compute.api.service;

import dev.stratus.common.fault.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Key pair material as Nova makes it: fingerprints of imported keys (MD5 of the SSH key blob, SHA-1 of an
 * X.509 certificate), generated RSA SSH keys (the private key in the PKCS#1 PEM form paramiko writes, which
 * is what Tempest and other paramiko users can load) and generated WinRM client certificates (the private
 * part a base64 PKCS#12 bundle with an empty password, as {@code openssl pkcs12 -export -password pass:}
 * makes it).
 */
public final class KeyMaterial {

    /** A generated pair: the public key (or certificate) and the private part handed out once. */
    public record Generated(String publicKey, String privateKey, String fingerprint) {
    }

    /** How many length-prefixed fields follow the type name in each SSH public key blob. */
    private static final Map<String, Integer> SSH_KEY_FIELDS = Map.of(
            "ssh-rsa", 2, "ssh-dss", 4, "ssh-ed25519", 1,
            "ecdsa-sha2-nistp256", 2, "ecdsa-sha2-nistp384", 2, "ecdsa-sha2-nistp521", 2,
            "sk-ssh-ed25519@openssh.com", 2, "sk-ecdsa-sha2-nistp256@openssh.com", 3);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private KeyMaterial() {
    }

    /** MD5 over the key blob, as {@code ssh-keygen -l -E md5} prints it (Nova's fingerprint). */
    public static String sshFingerprint(String publicKey) {
        String[] parts = publicKey.strip().split("\\s+");
        if (parts.length < 2 || !SSH_KEY_FIELDS.containsKey(parts[0])) {
            throw invalid();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        checkBlob(parts[0], blob);
        return colonHex(digest("MD5", blob));
    }

    /** The blob must be the declared type's name and exactly its fields, each length-prefixed. */
    private static void checkBlob(String type, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        byte[] declared = field(in);
        if (!type.equals(new String(declared, StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        int fields = SSH_KEY_FIELDS.get(type);
        for (int i = 0; i < fields; i++) {
            byte[] f = field(in);
            if (type.equals("ssh-ed25519") && f.length != 32) {
                throw invalid();
            }
        }
        if (in.hasRemaining()) {
            throw invalid();
        }
    }

    private static byte[] field(ByteBuffer in) {
        if (in.remaining() < 4) {
            throw invalid();
        }
        int len = in.getInt();
        if (len <= 0 || len > in.remaining()) {
            throw invalid();
        }
        byte[] out = new byte[len];
        in.get(out);
        return out;
    }

    /** SHA-1 over the DER certificate, colon-separated (Nova's x509 fingerprint). */
    public static String x509Fingerprint(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            return colonHex(digest("SHA-1", cert.getEncoded()));
        } catch (CertificateException | RuntimeException e) {
            throw ApiException.badRequest("Keypair data is invalid: failed to generate X509 fingerprint. "
                    + "Error message: " + (e.getMessage() == null ? "Unable to load certificate" : e.getMessage()));
        }
    }

    /** An RSA SSH key pair; {@code comment} ends the public key line (Nova writes "Generated-by-Nova"). */
    public static Generated generateRsa(String comment) {
        KeyPair pair = rsa();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(blob)) {
            writeBytes(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeBytes(out, pub.getPublicExponent().toByteArray());
            writeBytes(out, pub.getModulus().toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = blob.toByteArray();
        String publicKey = "ssh-rsa " + Base64.getEncoder().encodeToString(bytes) + " " + comment;
        String privateKey = pem("RSA PRIVATE KEY", pkcs1(pair.getPrivate().getEncoded()));
        return new Generated(publicKey, privateKey, colonHex(digest("MD5", bytes)));
    }

    /**
     * A self-signed client certificate for WinRM, valid ten years: subject CN=user, extended key usage
     * clientAuth and the UPN {@code user@localhost} as subject alternative name (Nova's
     * generate_winrm_x509_cert). The public key is the PEM certificate.
     */
    public static Generated generateX509(String userId) {
        KeyPair pair = rsa();
        try {
            byte[] algorithm = Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.nullValue());
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(userId))));
            Instant now = Instant.now();
            byte[] validity = Der.sequence(time(now), time(now.plus(Duration.ofDays(3650))));
            byte[] clientAuth = Der.sequence(Der.oid("2.5.29.37"),
                    Der.octets(Der.sequence(Der.oid("1.3.6.1.5.5.7.3.2"))));
            byte[] upn = Der.sequence(Der.oid("2.5.29.17"), Der.octets(Der.sequence(
                    Der.context(0, Der.oid("1.3.6.1.4.1.311.20.2.3"), Der.context(0, Der.utf8(userId + "@localhost"))))));
            byte[] tbs = Der.sequence(Der.context(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)), algorithm, name, validity, name,
                    pair.getPublic().getEncoded(), Der.context(3, Der.sequence(clientAuth, upn)));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            KeyStore bundle = KeyStore.getInstance("PKCS12");
            bundle.load(null, null);
            bundle.setKeyEntry("1", pair.getPrivate(), new char[0], new Certificate[] {cert});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            bundle.store(out, new char[0]);
            return new Generated(pem("CERTIFICATE", der), Base64.getEncoder().encodeToString(out.toByteArray()),
                    colonHex(digest("SHA-1", der)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("X.509 certificate generation failed", e);
        }
    }

    private static byte[] time(Instant t) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        return year < 2050
                ? Der.tlv(Der.UTC_TIME, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII))
                : Der.tlv(Der.GENERALIZED_TIME, GENERALIZED_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA key generation failed", e);
        }
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (version, algorithm, then the key as an OCTET STRING). */
    static byte[] pkcs1(byte[] pkcs8) {
        Der.Element info = Der.read(pkcs8, 0);
        Der.Element version = Der.read(pkcs8, info.contentStart());
        Der.Element algorithm = Der.read(pkcs8, version.end());
        Der.Element key = Der.read(pkcs8, algorithm.end());
        if (info.tag() != Der.SEQUENCE || key.tag() != Der.OCTET_STRING) {
            throw new IllegalStateException("not a PKCS#8 private key");
        }
        return key.content(pkcs8);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonHex(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private static ApiException invalid() {
        return ApiException.badRequest("Keypair data is invalid: failed to generate fingerprint");
    }
}
