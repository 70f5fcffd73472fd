package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes accounts straight into Prosody's {@code internal} storage, the way
 * {@code mod_auth_internal_hashed} / {@code mod_auth_internal_plain} (Prosody 0.12) store them:
 * {@code DATA/<encoded host>/accounts/<encoded user>.dat} holding a Lua {@code return { ... };}
 * table. For hashed storage the table has {@code salt} (a plain string, used as the raw SCRAM
 * salt bytes), {@code iteration_count}, and {@code stored_key} / {@code server_key} as lower-case
 * hex of the RFC 5802 values. Prosody reads the file on every lookup (no account cache in
 * mod_storage_internal), so accounts written while the server runs are usable at once.
 */
final class ProsodyAccounts {

    private final Path accountsDir;
    private final ProsodyServer.Authentication authentication;
    private final ProsodyServer.PasswordHash hash;
    private final int iterations;

    ProsodyAccounts(Path dataDir, String host, ProsodyServer.Authentication authentication,
            ProsodyServer.PasswordHash hash, int iterations) {
        this.accountsDir = dataDir.resolve(encode(host)).resolve("accounts");
        this.authentication = authentication;
        this.hash = hash;
        this.iterations = iterations;
    }

    /** Creates (or overwrites) one account with a fresh salt. */
    void create(String user, String password) {
        create(user, password, salt());
    }

    /**
     * Creates {@code prefix1 .. prefixCOUNT}. The batch shares one salt, so the PBKDF2 work is
     * done once: fine for throw-away test accounts, and it keeps 1,000 users well under a second.
     */
    void createBatch(String prefix, int count, String password) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        String salt = salt();
        Credentials credentials = authentication == ProsodyServer.Authentication.INTERNAL_HASHED
                ? scram(password, salt) : null;
        for (int i = 1; i <= count; i++) {
            write(prefix + i, password, salt, credentials);
        }
    }

    private void create(String user, String password, String salt) {
        Credentials credentials = authentication == ProsodyServer.Authentication.INTERNAL_HASHED
                ? scram(password, salt) : null;
        write(user, password, salt, credentials);
    }

    private void write(String user, String password, String salt, Credentials credentials) {
        checkUser(user);
        String table;
        if (credentials == null) {
            table = "return {\n\t[\"password\"] = " + Lua.string(password) + ";\n};\n";
        } else {
            table = "return {\n"
                    + "\t[\"iteration_count\"] = " + iterations + ";\n"
                    + "\t[\"salt\"] = " + Lua.string(salt) + ";\n"
                    + "\t[\"stored_key\"] = " + Lua.string(credentials.storedKeyHex) + ";\n"
                    + "\t[\"server_key\"] = " + Lua.string(credentials.serverKeyHex) + ";\n"
                    + "};\n";
        }
        try {
            Files.createDirectories(accountsDir);
            Path target = accountsDir.resolve(encode(user) + ".dat");
            Path temp = Files.createTempFile(accountsDir, ".new-", ".tmp");
            Files.writeString(temp, table, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Prosody account " + user + " in " + accountsDir, e);
        }
    }

    boolean exists(String user) {
        return Files.exists(accountsDir.resolve(encode(user) + ".dat"));
    }

    private static String salt() {
        return UUID.randomUUID().toString();
    }

    /**
     * Local parts must already be in their stringprep'd form (Prosody looks accounts up by the
     * nodeprep'd name): lower case and none of the characters nodeprep forbids.
     */
    private static void checkUser(String user) {
        if (user.isEmpty() || user.length() > 1023) {
            throw new IllegalArgumentException("Invalid user name length: '" + user + "'");
        }
        if (!user.equals(user.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("User name must be lower case (nodeprep form): '" + user + "'");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c <= ' ' || "\"&'/:<>@\u007f".indexOf(c) >= 0) {
                throw new IllegalArgumentException("User name has a character nodeprep forbids: '" + user + "'");
            }
        }
    }

    /** Prosody's datamanager path encoding: every non-alphanumeric byte becomes %xx (lower-case hex). */
    static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }

    private Credentials scram(String password, String salt) {
        try {
            byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8));
            Mac mac = mac(salted);
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance(hash.digestAlgorithm()).digest(clientKey);
            HexFormat hex = HexFormat.of();
            return new Credentials(hex.formatHex(storedKey), hex.formatHex(serverKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-" + hash.prosodyName() + " is not available in this JVM", e);
        }
    }

    /** RFC 5802 Hi(): PBKDF2 with HMAC-H, one block of output. */
    private byte[] hi(byte[] password, byte[] salt) throws GeneralSecurityException {
        Mac mac = mac(password);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hash.macAlgorithm());
        // an empty password is not a valid HMAC key for SecretKeySpec; use one zero byte (same HMAC result)
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.macAlgorithm()));
        return mac;
    }

    private record Credentials(String storedKeyHex, String serverKeyHex) {
    }
}
