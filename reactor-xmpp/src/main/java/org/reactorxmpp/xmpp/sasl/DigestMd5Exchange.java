package org.reactorxmpp.xmpp.sasl;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The client side of one DIGEST-MD5 exchange (RFC 2831 section 2.1). Package-private.
 */
final class DigestMd5Exchange implements SaslExchange {

    private static final String NAME = DigestMd5Mechanism.NAME;
    private static final int MAX_CHALLENGE_BYTES = 4096;
    private static final String NC = "00000001";
    private static final String QOP = "auth";

    private enum State { AWAITING_CHALLENGE, AWAITING_RSPAUTH, VERIFIED, FAILED }

    private final String username;
    private final @Nullable String authzid;
    private final String digestUri;
    private final String host;
    private final String cnonce;
    private char[] password;
    private String expectedRspauth = "";
    private State state = State.AWAITING_CHALLENGE;

    DigestMd5Exchange(SaslCredentials credentials, String cnonce) {
        this.username = credentials.username()
            .orElseThrow(() -> new IllegalArgumentException("DIGEST-MD5 needs a username"));
        if (!credentials.hasPassword()) {
            throw new IllegalArgumentException("DIGEST-MD5 needs a password");
        }
        this.password = credentials.passwordView().clone();
        this.authzid = credentials.authzid().orElse(null);
        this.host = credentials.host();
        this.digestUri = credentials.service() + "/" + credentials.host();
        if (cnonce.isEmpty() || cnonce.indexOf('"') >= 0 || cnonce.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("DIGEST-MD5: cnonce must be non-empty and free of quotes");
        }
        this.cnonce = cnonce;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        return Optional.empty();
    }

    @Override
    public byte[] respond(byte[] challenge) {
        try {
            switch (state) {
                case AWAITING_CHALLENGE:
                    return digestResponse(challenge);
                case AWAITING_RSPAUTH:
                    verifyRspauth(challenge);
                    return new byte[0];
                case VERIFIED:
                    throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge after rspauth");
                default:
                    throw new IllegalStateException(NAME + " exchange already failed");
            }
        } catch (SaslException e) {
            abort();
            throw e;
        }
    }

    @Override
    public void complete(Optional<byte[]> successData) {
        try {
            boolean hasData = successData.isPresent() && successData.get().length > 0;
            switch (state) {
                case AWAITING_CHALLENGE:
                    throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH,
                        "the server reported success before the digest exchange");
                case AWAITING_RSPAUTH:
                    if (!hasData) {
                        throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH, "the server reported success without rspauth");
                    }
                    verifyRspauth(successData.get());
                    return;
                case VERIFIED:
                    if (hasData) {
                        verifyRspauth(successData.get());
                    }
                    return;
                default:
                    throw new IllegalStateException(NAME + " exchange already failed");
            }
        } catch (SaslException e) {
            abort();
            throw e;
        }
    }

    private byte[] digestResponse(byte[] challenge) {
        Map<String, List<String>> d = parse(challenge);
        if (d.containsKey("rspauth")) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "rspauth before the digest response");
        }
        String nonce = single(d, "nonce");
        if (nonce == null || nonce.isEmpty()) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge has no nonce");
        }
        String algorithm = single(d, "algorithm");
        if (algorithm == null || !algorithm.equalsIgnoreCase("md5-sess")) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge must have algorithm=md5-sess");
        }
        String charsetDirective = single(d, "charset");
        if (charsetDirective != null && !charsetDirective.equalsIgnoreCase("utf-8")) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "charset must be utf-8 when present");
        }
        boolean utf8 = charsetDirective != null;
        String qopOptions = single(d, "qop");
        List<String> qops = new ArrayList<>();
        if (qopOptions == null) {
            qops.add(QOP);
        } else {
            for (String q : qopOptions.split(",")) {
                qops.add(q.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (!qops.contains(QOP)) {
            throw fail(SaslCondition.UNACCEPTABLE_CHALLENGE, "the server offers qop " + SaslText.printable(qops.toString(), 80)
                + " but this client supports only qop=auth (no integrity or confidentiality layer)");
        }
        String realm = chooseRealm(d.getOrDefault("realm", List.of()));

        // RFC 2831 2.1.2.1: with charset=utf-8, strings representable in ISO 8859-1 are hashed in it
        boolean latin1 = isLatin1(username) && (realm == null || isLatin1(realm)) && isLatin1(password);
        if (!latin1 && !utf8) {
            throw fail(SaslCondition.UNACCEPTABLE_CHALLENGE,
                "credentials need characters outside ISO 8859-1 but the server did not announce charset=utf-8");
        }
        Charset hashCharset = latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        byte[] passwordBytes = SaslText.encode(password, hashCharset);
        Arrays.fill(password, '\0');
        byte[] userRealmPass = concat(
            (username + ":" + (realm == null ? "" : realm) + ":").getBytes(hashCharset), passwordBytes);
        Arrays.fill(passwordBytes, (byte) 0);
        byte[] a1Head = md5(userRealmPass);
        Arrays.fill(userRealmPass, (byte) 0);
        String a1Tail = ":" + nonce + ":" + cnonce + (authzid == null ? "" : ":" + authzid);
        byte[] a1 = concat(a1Head, SaslText.utf8(a1Tail));
        String ha1 = SaslText.hex(md5(a1));
        Arrays.fill(a1, (byte) 0);
        Arrays.fill(a1Head, (byte) 0);

        String response = kd(ha1, nonce, "AUTHENTICATE:" + digestUri);
        expectedRspauth = kd(ha1, nonce, ":" + digestUri);
        state = State.AWAITING_RSPAUTH;

        StringBuilder sb = new StringBuilder(256);
        if (utf8) {
            sb.append("charset=utf-8,");
        }
        sb.append("username=").append(quote(username));
        if (realm != null) {
            sb.append(",realm=").append(quote(realm));
        }
        sb.append(",nonce=").append(quote(nonce))
            .append(",nc=").append(NC)
            .append(",cnonce=").append(quote(cnonce))
            .append(",digest-uri=").append(quote(digestUri))
            .append(",response=").append(response)
            .append(",qop=").append(QOP);
        if (authzid != null) {
            sb.append(",authzid=").append(quote(authzid));
        }
        return sb.toString().getBytes(utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** RFC 2831 2.1.2.1: HEX(KD(HEX(H(A1)), nonce:nc:cnonce:qop:HEX(H(A2)))). */
    private String kd(String ha1, String nonce, String a2) {
        String ha2 = SaslText.hex(md5(SaslText.utf8(a2)));
        return SaslText.hex(md5(SaslText.utf8(ha1 + ":" + nonce + ":" + NC + ":" + cnonce + ":" + QOP + ":" + ha2)));
    }

    private @Nullable String chooseRealm(List<String> realms) {
        if (realms.isEmpty()) {
            return null;
        }
        return realms.contains(host) ? host : realms.get(0);
    }

    private void verifyRspauth(byte[] data) {
        Map<String, List<String>> d = parse(data);
        String rspauth = single(d, "rspauth");
        if (rspauth == null) {
            throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH, "the server's final data has no rspauth");
        }
        if (!MessageDigest.isEqual(SaslText.utf8(rspauth.toLowerCase(Locale.ROOT)), SaslText.utf8(expectedRspauth))) {
            throw fail(SaslCondition.SERVER_SIGNATURE_MISMATCH,
                "wrong rspauth: the server does not know the password (or someone is in between)");
        }
        state = State.VERIFIED;
    }

    /** Parses {@code name=value} or {@code name="quoted value"} directives; only realm may repeat. */
    private Map<String, List<String>> parse(byte[] data) {
        if (data.length > MAX_CHALLENGE_BYTES) {
            throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge longer than " + MAX_CHALLENGE_BYTES + " bytes");
        }
        String s = SaslText.decodeUtf8(data, NAME);
        Map<String, List<String>> directives = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && (s.charAt(i) == ',' || isSpace(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                return directives;
            }
            int start = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',' && !isSpace(s.charAt(i)) && s.charAt(i) != '"') {
                i++;
            }
            String key = s.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (key.isEmpty() || i >= n || s.charAt(i) != '=') {
                throw fail(SaslCondition.MALFORMED_CHALLENGE, "challenge is not a list of name=value directives");
            }
            i++;
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && s.charAt(i) == '"') {
                i++;
                StringBuilder sb = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw fail(SaslCondition.MALFORMED_CHALLENGE, "unterminated quoted string in challenge");
                }
                value = sb.toString();
            } else {
                start = i;
                while (i < n && s.charAt(i) != ',' && !isSpace(s.charAt(i))) {
                    i++;
                }
                value = s.substring(start, i);
            }
            List<String> values = directives.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (!values.isEmpty() && !key.equals("realm")) {
                throw fail(SaslCondition.MALFORMED_CHALLENGE, "directive '" + SaslText.printable(key, 32) + "' repeated");
            }
            values.add(value);
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) != ',') {
                throw fail(SaslCondition.MALFORMED_CHALLENGE, "directives must be separated by commas");
            }
        }
    }

    private static @Nullable String single(Map<String, List<String>> directives, String key) {
        List<String> values = directives.get(key);
        return values == null ? null : values.get(0);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatin1(char[] chars) {
        for (char c : chars) {
            if (c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    private SaslException fail(SaslCondition condition, String message) {
        return new SaslException(condition, NAME + ": " + message);
    }

    private void abort() {
        state = State.FAILED;
        Arrays.fill(password, '\0');
    }
}
