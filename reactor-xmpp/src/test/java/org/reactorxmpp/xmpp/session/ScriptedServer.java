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
 * A tiny XMPP server script for one {@link FakeConnection}: SASL PLAIN and SCRAM-SHA-1 (RFC 5802,
 * implemented here independently of the library), resource binding and the legacy session IQ.
 * Stanzas after negotiation are recorded in {@link #stanzas} and handed to {@link #onStanza}.
 */
final class ScriptedServer implements FakeConnection.Server {

    static final String DOMAIN = "example.com";
    static final String USER = "juliet";
    static final String PASSWORD = "r0m30myr0m30";

    final FakeConnection connection;
    final List<XmlElement> stanzas = new CopyOnWriteArrayList<>();
    List<String> mechanisms = List.of("SCRAM-SHA-1", "PLAIN");
    String password = PASSWORD;
    boolean corruptServerSignature;
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
                byte[] data = Base64.getDecoder().decode(e.text().trim());
                if ("PLAIN".equals(mechanism)) {
                    String[] parts = new String(data, StandardCharsets.UTF_8).split("\0", -1);
                    if (parts.length == 3 && parts[1].equals(USER) && parts[2].equals(password)) {
                        succeed(null);
                    } else {
                        fail("not-authorized", "Invalid username or password");
                    }
                } else if ("SCRAM-SHA-1".equals(mechanism)) {
                    String clientFirst = new String(data, StandardCharsets.UTF_8);
                    clientFirstBare = clientFirst.substring(clientFirst.indexOf(",,") + 2);
                    String clientNonce = attribute(clientFirstBare, 'r');
                    serverFirst = "r=" + clientNonce + "3rfcNHYJY1ZVvWVs7j,s="
                        + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
                    connection.push(XmlElement.builder(Namespaces.SASL, "challenge")
                        .text(b64(serverFirst.getBytes(StandardCharsets.UTF_8))).build());
                } else {
                    fail("invalid-mechanism", null);
                }
            } else if (e.localName().equals("response")) {
                String clientFinal = new String(Base64.getDecoder().decode(e.text().trim()), StandardCharsets.UTF_8);
                String withoutProof = clientFinal.substring(0, clientFinal.indexOf(",p="));
                String proof = attribute(clientFinal, 'p');
                String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 160)).getEncoded();
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
                byte[] signature = hmac(storedKey, authMessage);
                byte[] expected = new byte[clientKey.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (byte) (clientKey[i] ^ signature[i]);
                }
                if (!b64(expected).equals(proof)) {
                    fail("not-authorized", null);
                    return;
                }
                byte[] serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
                if (corruptServerSignature) {
                    serverSignature[0] ^= 1;
                }
                succeed("v=" + b64(serverSignature));
            }
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
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

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
