package org.reactorxmpp.im.register;

import java.time.Duration;
import java.util.Objects;

import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * In-band registration (XEP-0077, {@value #NAMESPACE}): create an account on a fresh,
 * unauthenticated stream of any transport; change the password of, or cancel, the account of a
 * session. The servers' anti-abuse limits apply (Prosody throttles registrations per IP unless
 * configured otherwise; ejabberd's {@code registration_timeout}).
 *
 * <pre>{@code
 * Transport bosh = BoshTransport.builder().url(url).build();
 * InBandRegistration.createAccount(bosh, "example.com", "carol", secret)
 *     .then(client.connect())   // a client for carol@example.com
 *     .flatMap(session -> InBandRegistration.changePassword(session, newSecret))
 *     .subscribe();
 * }</pre>
 */
public final class InBandRegistration {

    /** {@code jabber:iq:register}. */
    public static final String NAMESPACE = "jabber:iq:register";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private InBandRegistration() {
    }

    /**
     * Creates an account: opens a stream to the domain, sends the registration, closes the stream.
     *
     * @param transport the transport (not authenticated; one stream is opened and closed)
     * @param domain the server domain
     * @param username the localpart
     * @param password the password
     * @return completion once the server created the account; a {@link RegistrationException} when
     *     it refused (cause: the {@link StanzaErrorException}, e.g. {@code conflict} for a taken name)
     */
    public static Mono<Void> createAccount(Transport transport, String domain, String username, String password) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return Mono.usingWhen(transport.connect(StreamOpen.to(domain)),
                conn -> register(conn, username, password),
                conn -> conn.close(null).onErrorResume(e -> Mono.empty()))
            .timeout(TIMEOUT);
    }

    private static Mono<Void> register(TransportConnection conn, String username, String password) {
        String id = Ids.next();
        XmlElement iq = Iq.builder(Iq.Type.SET).id(id).payload(XmlElement.builder(NAMESPACE, "query")
            .textChild(NAMESPACE, "username", username).textChild(NAMESPACE, "password", password).build())
            .build().element();
        Mono<Iq> reply = conn.inbound().filter(e -> e.localName().equals("iq") && id.equals(e.attribute("id")))
            .next().map(Iq::of);
        return conn.inbound().filter(e -> e.localName().equals("features")).next()
            .flatMap(features -> Flux.merge(reply, conn.send(iq).then(Mono.<Iq>empty())).next())
            .switchIfEmpty(Mono.error(() -> new RegistrationException("the stream closed before the registration was answered", null)))
            .flatMap(r -> r.type() == Iq.Type.RESULT ? Mono.<Void>empty()
                : Mono.error(new RegistrationException("the server refused to register '" + username + "'", StanzaErrorException.of(r))));
    }

    /**
     * @param session an authenticated session
     * @param newPassword the new password
     * @return completion once changed (the session stays open)
     */
    public static Mono<Void> changePassword(XmppSession session, String newPassword) {
        Objects.requireNonNull(newPassword, "newPassword");
        return Mono.defer(() -> session.request(Iq.set(null, XmlElement.builder(NAMESPACE, "query")
            .textChild(NAMESPACE, "username", session.jid().localpart().orElseThrow())
            .textChild(NAMESPACE, "password", newPassword).build())).then());
    }

    /**
     * Removes the account of a session (the server then closes the session).
     *
     * @param session an authenticated session
     * @return completion once the server confirmed
     */
    public static Mono<Void> cancel(XmppSession session) {
        return Mono.defer(() -> session.request(Iq.set(null, XmlElement.builder(NAMESPACE, "query")
            .child(XmlElement.empty(NAMESPACE, "remove")).build())).then());
    }
}
