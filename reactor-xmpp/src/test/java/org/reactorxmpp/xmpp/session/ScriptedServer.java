package org.reactorxmpp.xmpp.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A tiny XMPP server script for one {@link FakeConnection}: SASL PLAIN, SCRAM-SHA-1/-256/-512
 * (RFC 5802, RFC 7677) and DIGEST-MD5 (RFC 2831), server sides written here from the RFC formulas,
 * independently of the library; resource binding and the legacy session IQ.
 * Stanzas after negotiation are recorded in {@link #stanzas} and handed to {@link #onStanza}.
 */
final class ScriptedServer implements FakeConnection.Server {

    static final String DOMAIN = "example.com";
    static final String USER = "juliet";
    static final String PASSWORD = "r0m30myr0m30";

    final FakeConnection connection;
    final List<XmlElement> stanzas = new CopyOnWriteArrayList<>();
    List<String> mechanisms = List.of("SCRAM-SHA-1", "PLAIN");
    /** CUP: {@code <hostname>} children of the mechanisms feature (home node, backup node). */
    List<String> hostnames = List.of();
    String password = PASSWORD;
    /** SCRAM: a wrong ServerSignature in the success; DIGEST-MD5: a wrong rspauth. */
    boolean corruptServerSignature;
    /** DIGEST-MD5: send rspauth as success data (RFC 6120 6.3.10) instead of a second challenge. */
    boolean digestRspauthInSuccess;
    /** The mechanism the client chose. */
    @Nullable String chosenMechanism;
    boolean answerBind = true;
    StanzaError.@Nullable Condition bindError;
    boolean session;
    boolean sessionOptional;
    String assignedResource = "server-assigned-7";
    Consumer<XmlElement> onStanza = e -> { };
    final List<String> saslThreads = new CopyOnWriteArrayList<>();

    private boolean authenticated;
    private @Nullable String clientFirstBare;
    private @Nullable String serverFirst;
    private String scramHash = "SHA-1";
    private final String digestNonce = "OA6MG9tEQGm2hh";
    private boolean digestAwaitingFinalResponse;
    private final byte[] salt = "QSXCR+Q6sek8bf92".getBytes(StandardCharsets.US_ASCII);
    private final int iterations = 4096;

    ScriptedServer(FakeConnection connection) {
        this.connection = connection;
    }

    @Override
    public void opened() {
        XmlElement.Builder m = XmlElement.builder(Namespaces.SASL, "mechanisms");
        for (String name : mechanisms) {
            m.textChild(Namespaces.SASL, "mechanism", name);
        }
        for (String host : hostnames) {
            m.textChild(Namespaces.SASL, "hostname", host);
        }
        connection.push(XmlElement.builder(Namespaces.STREAMS, "features").child(m.build()).build());
    }

    @Override
    public void restarted() {
        XmlElement.Builder f = XmlElement.builder(Namespaces.STREAMS, "features")
            .child(XmlElement.empty(Namespaces.BIND, "bind"));
        if (session) {
            XmlElement.Builder s = XmlElement.builder(Namespaces.SESSION, "session");
            if (sessionOptional) {
                s.child(XmlElement.empty(Namespaces.SESSION, "optional"));
            }
            f.child(s.build());
        }
        connection.push(f.build());
    }

    @Override
    public void received(XmlElement e) {
        if (Namespaces.SASL.equals(e.namespace())) {
            saslThreads.add(e.localName() + "@" + Thread.currentThread().getName());
            sasl(e);
        } else if (e.is(Stanza.NAMESPACE, "iq") && e.element(Namespaces.BIND, "bind") != null) {
            bind(Iq.of(e));
        } else if (e.is(Stanza.NAMESPACE, "iq") && e.element(Namespaces.SESSION, "session") != null) {
            connection.push(Iq.of(e).resultWith(null).element());
        } else {
            stanzas.add(e);
            onStanza.accept(e);
        }
    }

    private void bind(Iq request) {
        if (!answerBind) {
            return;
        }
        if (bindError != null) {
            connection.push(request.errorWith(StanzaError.of(bindError)).element());
            return;
        }
        XmlElement bind = request.element().element(Namespaces.BIND, "bind");
        String resource = bind.childText(XmlName.of(Namespaces.BIND, "resource"));
        String jid = USER + "@" + DOMAIN + "/" + (resource == null ? assignedResource : resource);
        connection.push(request.resultWith(XmlElement.builder(Namespaces.BIND, "bind")
            .textChild(Namespaces.BIND, "jid", jid).build()).element());
    }

    private void sasl(XmlElement e) {
        try {
            if (e.localName().equals("auth")) {
                String mechanism = e.attribute("mechanism");
                chosenMechanism = mechanism;
                String text = e.text().trim();
                byte[] data = Base64.getDecoder().decode(text.equals("=") ? "" : text);
                if ("PLAIN".equals(mechanism)) {
                    String[] parts = new String(data, StandardCharsets.UTF_8).split("\0", -1);
                    if (parts.length == 3 && parts[1].equals(USER) && parts[2].equals(password)) {
                        succeed(null);
                    } else {
                        fail("not-authorized", "Invalid username or password");
                    }
                } else if (mechanism != null && mechanism.startsWith("SCRAM-SHA-") && mechanisms.contains(mechanism)) {
                    scramHash = mechanism.substring("SCRAM-".length());
                    String clientFirst = new String(data, StandardCharsets.UTF_8);
                    clientFirstBare = clientFirst.substring(clientFirst.indexOf(",,") + 2);
                    String clientNonce = attribute(clientFirstBare, 'r');
                    serverFirst = "r=" + clientNonce + "3rfcNHYJY1ZVvWVs7j,s="
                        + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
                    connection.push(XmlElement.builder(Namespaces.SASL, "challenge")
                        .text(b64(serverFirst.getBytes(StandardCharsets.UTF_8))).build());
                } else if ("DIGEST-MD5".equals(mechanism) && mechanisms.contains(mechanism)) {
                    // RFC 2831 2.1.1: the digest-challenge
                    String challenge = "realm=\"" + DOMAIN + "\",nonce=\"" + digestNonce
                        + "\",qop=\"auth\",charset=utf-8,algorithm=md5-sess";
                    connection.push(XmlElement.builder(Namespaces.SASL, "challenge")
                        .text(b64(challenge.getBytes(StandardCharsets.UTF_8))).build());
                } else {
                    fail("invalid-mechanism", null);
                }
            } else if (e.localName().equals("response") && "DIGEST-MD5".equals(chosenMechanism)) {
                digestResponse(e);
            } else if (e.localName().equals("response")) {
                scramFinal(e);
            } else if (e.localName().equals("abort")) {
                fail("aborted", null);
            }
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void scramFinal(XmlElement e) throws GeneralSecurityException {
        String clientFinal = new String(Base64.getDecoder().decode(e.text().trim()), StandardCharsets.UTF_8);
        String withoutProof = clientFinal.substring(0, clientFinal.indexOf(",p="));
        String proof = attribute(clientFinal, 'p');
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        // SaltedPassword := Hi(Normalize(password), salt, i), Hi being PBKDF2 with HMAC as the PRF
        String hmacName = "Hmac" + scramHash.replace("-", "");
        int bits = MessageDigest.getInstance(scramHash).getDigestLength() * 8;
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2With" + hmacName)
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits)).getEncoded();
        byte[] clientKey = hmac(hmacName, salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance(scramHash).digest(clientKey);
        byte[] signature = hmac(hmacName, storedKey, authMessage);
        byte[] expected = new byte[clientKey.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        if (!b64(expected).equals(proof)) {
            fail("not-authorized", null);
            return;
        }
        byte[] serverSignature = hmac(hmacName, hmac(hmacName, salted, "Server Key"), authMessage);
        if (corruptServerSignature) {
            serverSignature[0] ^= 1;
        }
        succeed("v=" + b64(serverSignature));
    }

    /** RFC 2831 2.1.2: checks the digest-response, then proves the server knows the password too (rspauth). */
    private void digestResponse(XmlElement e) throws GeneralSecurityException {
        String text = e.text().trim();
        if (digestAwaitingFinalResponse) {
            // the client's empty answer to the rspauth challenge
            digestAwaitingFinalResponse = false;
            if (text.isEmpty() || text.equals("=")) {
                succeed(null);
            } else {
                fail("malformed-request", null);
            }
            return;
        }
        java.util.Map<String, String> d = directives(new String(Base64.getDecoder().decode(text),
            StandardCharsets.UTF_8));
        String digestUri = "xmpp/" + DOMAIN;
        if (!USER.equals(d.get("username")) || !digestNonce.equals(d.get("nonce"))
            || !digestUri.equals(d.get("digest-uri")) || !"auth".equals(d.get("qop"))
            || !"00000001".equals(d.get("nc")) || d.get("cnonce") == null || d.get("response") == null) {
            fail("malformed-request", null);
            return;
        }
        String realm = d.getOrDefault("realm", "");
        String authzid = d.get("authzid");
        // A1 = { H( { username-value, ":", realm-value, ":", passwd } ), ":", nonce-value, ":", cnonce-value [, ":", authzid-value] }
        byte[] userRealmPass = md5((USER + ":" + realm + ":" + password).getBytes(StandardCharsets.ISO_8859_1));
        byte[] tail = (":" + digestNonce + ":" + d.get("cnonce") + (authzid == null ? "" : ":" + authzid))
            .getBytes(StandardCharsets.UTF_8);
        byte[] a1 = new byte[userRealmPass.length + tail.length];
        System.arraycopy(userRealmPass, 0, a1, 0, userRealmPass.length);
        System.arraycopy(tail, 0, a1, userRealmPass.length, tail.length);
        String ha1 = hex(md5(a1));
        String expected = kd(ha1, d, "AUTHENTICATE:" + digestUri);
        if (!expected.equals(d.get("response"))) {
            fail("not-authorized", null);
            return;
        }
        String rspauth = kd(ha1, d, ":" + digestUri);
        if (corruptServerSignature) {
            rspauth = (rspauth.charAt(0) == '0' ? "1" : "0") + rspauth.substring(1);
        }
        if (digestRspauthInSuccess) {
            succeed("rspauth=" + rspauth);
        } else {
            digestAwaitingFinalResponse = true;
            connection.push(XmlElement.builder(Namespaces.SASL, "challenge")
                .text(b64(("rspauth=" + rspauth).getBytes(StandardCharsets.UTF_8))).build());
        }
    }

    /** HEX( KD( HEX(H(A1)), { nonce-value, ":" nc-value, ":", cnonce-value, ":", qop-value, ":", HEX(H(A2)) })). */
    private static String kd(String ha1, java.util.Map<String, String> d, String a2) throws GeneralSecurityException {
        String ha2 = hex(md5(a2.getBytes(StandardCharsets.UTF_8)));
        return hex(md5((ha1 + ":" + d.get("nonce") + ":" + d.get("nc") + ":" + d.get("cnonce") + ":"
            + d.get("qop") + ":" + ha2).getBytes(StandardCharsets.UTF_8)));
    }

    private static java.util.Map<String, String> directives(String s) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            String key = s.substring(i, eq).trim();
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') {
                    value.append(s.charAt(i++));
                }
            }
            out.put(key, value.toString());
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
        }
        return out;
    }

    private static byte[] md5(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private void succeed(@Nullable String data) {
        authenticated = true;
        XmlElement.Builder s = XmlElement.builder(Namespaces.SASL, "success");
        if (data != null) {
            s.text(b64(data.getBytes(StandardCharsets.UTF_8)));
        }
        connection.push(s.build());
    }

    private void fail(String condition, @Nullable String text) {
        XmlElement.Builder f = XmlElement.builder(Namespaces.SASL, "failure")
            .child(XmlElement.empty(Namespaces.SASL, condition));
        if (text != null) {
            f.textChild(Namespaces.SASL, "text", text);
        }
        connection.push(f.build());
    }

    boolean authenticated() {
        return authenticated;
    }

    /** Pushes a stanza to the client. */
    void deliver(Stanza stanza) {
        connection.push(stanza.element());
    }

    List<Iq> sentIqs() {
        List<Iq> iqs = new ArrayList<>();
        for (XmlElement e : stanzas) {
            if (e.localName().equals("iq")) {
                iqs.add(Iq.of(e));
            }
        }
        return iqs;
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalArgumentException("no " + name + "= in " + message);
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
