package org.reactorxmpp.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal SCRAM server written from the RFC 5802 formulas, independent of the client code: it
 * derives SaltedPassword with the JDK's PBKDF2 and checks the client proof the way a server does
 * (recover ClientKey from the proof, compare H(ClientKey) with StoredKey).
 */
final class ScramTestServer {

    private final String hmac;
    private final String digest;
    private final int keyBits;
    private final String username;
    private final char[] password;
    private final byte[] salt;
    private final int iterations;
    private final String nonceSuffix;

    private String gs2Header = "";
    private String clientFirstBare = "";
    private String serverFirst = "";
    private String nonce = "";
    String receivedAuthzid;

    ScramTestServer(String hash, String username, char[] password, byte[] salt, int iterations, String nonceSuffix) {
        this.hmac = "Hmac" + hash.replace("-", "");
        this.digest = hash;
        this.keyBits = hash.equals("SHA-1") ? 160 : hash.equals("SHA-256") ? 256 : 512;
        this.username = username;
        this.password = password.clone();
        this.salt = salt.clone();
        this.iterations = iterations;
        this.nonceSuffix = nonceSuffix;
    }

    /** Static helpers that compute RFC 5802 values independently of the client. */
    static byte[] saltedPassword(String hash, char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        int bits = hash.equals("SHA-1") ? 160 : hash.equals("SHA-256") ? 256 : 512;
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmac" + hash.replace("-", ""));
        return f.generateSecret(new PBEKeySpec(password, salt, iterations, bits)).getEncoded();
    }

    static byte[] hmac(String hash, byte[] key, String data) throws GeneralSecurityException {
        String alg = "Hmac" + hash.replace("-", "");
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    String serverFirst(String clientFirst) {
        int second = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1);
        gs2Header = clientFirst.substring(0, second + 1);
        String authz = gs2Header.substring(2, gs2Header.length() - 1);
        receivedAuthzid = authz.isEmpty() ? null : unescape(authz.substring(2));
        clientFirstBare = clientFirst.substring(second + 1);
        String[] parts = clientFirstBare.split(",");
        if (!parts[0].equals("n=" + escape(username))) {
            throw new AssertionError("unexpected username attribute " + parts[0]);
        }
        nonce = parts[1].substring(2) + nonceSuffix;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        return serverFirst;
    }

    /** @return {@code v=...} when the proof is right, {@code e=invalid-proof} otherwise */
    String serverFinal(String clientFinal) throws GeneralSecurityException {
        int p = clientFinal.lastIndexOf(",p=");
        String withoutProof = clientFinal.substring(0, p);
        byte[] proof = Base64.getDecoder().decode(clientFinal.substring(p + 3));
        String expectedStart = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
            + ",r=" + nonce;
        if (!withoutProof.equals(expectedStart)) {
            return "e=other-error";
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2With" + hmac);
        byte[] salted = f.generateSecret(new PBEKeySpec(password, salt, iterations, keyBits)).getEncoded();
        byte[] storedKey = MessageDigest.getInstance(digest).digest(hmac(salted, "Client Key"));
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(MessageDigest.getInstance(digest).digest(clientKey), storedKey)) {
            return "e=invalid-proof";
        }
        byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    private byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    private static String unescape(String name) {
        return name.replace("=2C", ",").replace("=3D", "=");
    }
}
