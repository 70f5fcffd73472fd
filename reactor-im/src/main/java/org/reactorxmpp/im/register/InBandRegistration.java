package org.reactorxmpp.im.register;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

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
 * session. A server that asks for more than a username and a password (e.g. Prosody's
 * {@code additional_registration_fields}) is served by {@link #createAccount(Transport, String, Function)},
 * which reads its {@link RegistrationForm} and lets the caller fill it. The servers' anti-abuse limits apply (Prosody throttles registrations per IP unless
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
        XmlElement query = XmlElement.builder(NAMESPACE, "query")
            .textChild(NAMESPACE, "username", username).textChild(NAMESPACE, "password", password).build();
        Stream stream = new Stream(conn);
        return stream.ready().then(stream.exchange(Iq.Type.SET, query, "register '" + username + "'")).then();
    }

    /**
     * Creates an account with the server's registration form: opens a stream to the domain, asks for
     * the form (which may have fields beyond username and password, e.g. {@code email}, legacy or as a
     * data form), lets {@code fill} fill it, submits it on the same stream, closes the stream.
     *
     * <pre>{@code
     * InBandRegistration.createAccount(transport, "example.com", form -> Mono.just(form
     *     .fill("username", "carol").fill("password", secret).fill("email", "carol@example.org")));
     * }</pre>
     *
     * @param transport the transport (not authenticated; one stream is opened and closed)
     * @param domain the server domain
     * @param fill fills the form (it may ask the user: the stream stays open until it answers)
     * @return completion once the server created the account; a {@link RegistrationException} when
     *     it does not offer registration, refused the submission (cause: the
     *     {@link StanzaErrorException}, e.g. {@code not-acceptable} for a missing required field), or
     *     the form was filled with a field the server did not ask for
     */
    public static Mono<Void> createAccount(Transport transport, String domain,
                                           Function<RegistrationForm, Mono<RegistrationForm>> fill) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(fill, "fill");
        return Mono.usingWhen(transport.connect(StreamOpen.to(domain)),
                conn -> {
                    Stream stream = new Stream(conn);
                    return stream.ready().then(stream.askForm())
                        .flatMap(form -> Mono.defer(() -> fill.apply(form)))
                        .switchIfEmpty(Mono.error(() -> new RegistrationException("the form was not filled (empty)", null)))
                        .flatMap(filled -> stream.exchange(Iq.Type.SET, filled.submission(), "register"))
                        .then();
                },
                conn -> conn.close(null).onErrorResume(e -> Mono.empty()));
    }

    /**
     * Reads the server's registration form without registering.
     *
     * @param transport the transport (not authenticated; one stream is opened and closed)
     * @param domain the server domain
     * @return the form; a {@link RegistrationException} when the server does not offer registration
     */
    public static Mono<RegistrationForm> form(Transport transport, String domain) {
        Objects.requireNonNull(transport, "transport");
        return Mono.usingWhen(transport.connect(StreamOpen.to(domain)),
                conn -> {
                    Stream stream = new Stream(conn);
                    return stream.ready().then(stream.askForm());
                },
                conn -> conn.close(null).onErrorResume(e -> Mono.empty()))
            .timeout(TIMEOUT);
    }

    /** The unauthenticated stream: its inbound elements subscribed to once (for each IQ exchange on it). */
    private static final class Stream {
        private final TransportConnection conn;
        private final Flux<XmlElement> inbound;

        Stream(TransportConnection conn) {
            this.conn = conn;
            this.inbound = conn.inbound().publish().autoConnect();
        }

        /** Waits for the stream features: the stream is open. */
        Mono<XmlElement> ready() {
            return inbound.filter(e -> e.localName().equals("features")).next()
                .switchIfEmpty(Mono.error(() -> new RegistrationException("the stream closed before its features", null)));
        }

        Mono<RegistrationForm> askForm() {
            return exchange(Iq.Type.GET, XmlElement.empty(NAMESPACE, "query"), "give its registration form")
                .map(reply -> RegistrationForm.of(reply.payload().filter(p -> p.is(NAMESPACE, "query"))
                    .orElseThrow(() -> new RegistrationException("the server answered the registration form request "
                        + "without a jabber:iq:register query", null))));
        }

        /** One IQ: listening before sending; a result, or a RegistrationException. */
        Mono<Iq> exchange(Iq.Type type, XmlElement query, String what) {
            return Mono.defer(() -> {
                String id = Ids.next();
                XmlElement iq = Iq.builder(type).id(id).payload(query).build().element();
                Mono<Iq> reply = inbound.filter(e -> e.localName().equals("iq") && id.equals(e.attribute("id")))
                    .next().map(Iq::of);
                return Flux.merge(reply, conn.send(iq).then(Mono.<Iq>empty())).next()
                    .switchIfEmpty(Mono.error(() -> new RegistrationException("the stream closed before the server answered ("
                        + what + ")", null)))
                    .flatMap(r -> r.type() == Iq.Type.RESULT ? Mono.just(r)
                        : Mono.error(new RegistrationException("the server refused to " + what, StanzaErrorException.of(r))));
            }).timeout(TIMEOUT);
        }
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
