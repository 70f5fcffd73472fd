package org.reactorxmpp.xmpp.session.internal;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.sasl.SaslExchange;
import org.reactorxmpp.xmpp.sasl.SaslMechanism;
import org.reactorxmpp.xmpp.sasl.SaslMechanismSelector;
import org.reactorxmpp.xmpp.session.ConnectPhase;
import org.reactorxmpp.xmpp.session.XmppConnectException;
import org.reactorxmpp.xmpp.stream.Namespaces;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * SASL negotiation (RFC 6120 section 6): selects the mechanism, sends {@code <auth/>}, answers
 * challenges and verifies the server on {@code <success/>}. Exchange steps run on the SASL
 * scheduler, because SCRAM's key derivation (PBKDF2, thousands of HMACs) must not hold an event loop.
 */
final class SaslFlow {

    private static final Logger log = LoggerFactory.getLogger(SaslFlow.class);

    private final TransportConnection connection;
    private final ElementQueue queue;
    private final SaslMechanismSelector selector;
    private final Scheduler scheduler;
    private final Object logId;

    SaslFlow(TransportConnection connection, ElementQueue queue, SaslMechanismSelector selector, Scheduler scheduler,
             Object logId) {
        this.logId = logId;
        this.connection = connection;
        this.queue = queue;
        this.selector = selector;
        this.scheduler = scheduler;
    }

    /**
     * @return completion after {@code <success/>} and a verified server, or a {@link SaslException}
     */
    Mono<Void> authenticate(StreamFeatures features, SaslCredentials credentials) {
        return Mono.defer(() -> {
            if (!features.offersSasl()) {
                return Mono.error(new XmppConnectException(ConnectPhase.SASL,
                    "the server offers no SASL authentication in " + features, false, null));
            }
            SaslMechanism mechanism = selector.select(features.saslMechanisms(), connection.isSecure());
            log.debug("[{}] SASL mechanism {} (offered {}, secure transport {})", logId, mechanism.name(),
                features.saslMechanisms(), connection.isSecure());
            return Mono.fromCallable(() -> {
                    SaslExchange exchange = mechanism.start(credentials);
                    XmlElement.Builder auth = XmlElement.builder(Namespaces.SASL, "auth")
                        .attribute("mechanism", mechanism.name());
                    Optional<byte[]> initial = exchange.initialResponse();
                    initial.ifPresent(bytes -> auth.text(encode(bytes)));
                    return new Started(exchange, auth.build());
                })
                .subscribeOn(scheduler)
                .flatMap(started -> connection.send(started.auth).then(step(started.exchange)));
        });
    }

    private Mono<Void> step(SaslExchange exchange) {
        return queue.next(e -> Namespaces.SASL.equals(e.namespace())).flatMap(element -> {
            switch (element.localName()) {
                case "challenge":
                    return Mono.fromCallable(() -> exchange.respond(decode(element, true).orElse(new byte[0])))
                        .subscribeOn(scheduler)
                        // a challenge we refuse (a wrong rspauth, say): tell the server (RFC 6120 6.4.4), then fail
                        .onErrorResume(SaslException.class, refused -> connection
                            .send(XmlElement.empty(Namespaces.SASL, "abort"))
                            .onErrorResume(error -> Mono.empty())
                            .then(Mono.error(refused)))
                        .flatMap(answer -> connection.send(XmlElement.builder(Namespaces.SASL, "response")
                            .text(encode(answer)).build()))
                        .then(Mono.defer(() -> step(exchange)));
                case "success":
                    return Mono.<Void>fromRunnable(() -> exchange.complete(decode(element, false)))
                        .subscribeOn(scheduler);
                case "failure":
                    return Mono.error(SaslException.fromFailure(element));
                default:
                    return Mono.error(new SaslException(SaslCondition.MALFORMED_CHALLENGE,
                        "unexpected SASL element <" + element.localName() + "/> from the server"));
            }
        });
    }

    /** Base64 text to bytes: {@code =} is an empty value, no text is no value. */
    private static Optional<byte[]> decode(XmlElement element, boolean challenge) {
        String text = element.text().trim();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.equals("=")) {
            return Optional.of(new byte[0]);
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new SaslException(SaslCondition.MALFORMED_CHALLENGE, "the server's <" + element.localName()
                + "/> is not valid base64" + (challenge ? "" : " (success data)"));
        }
    }

    /** Bytes to base64 text; an empty value is {@code =} (RFC 6120 section 6.4.2). Zeroes the bytes. */
    private static String encode(byte[] bytes) {
        String text = bytes.length == 0 ? "=" : Base64.getEncoder().encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        return text;
    }

    private static final class Started {
        final SaslExchange exchange;
        final XmlElement auth;

        Started(SaslExchange exchange, XmlElement auth) {
            this.exchange = exchange;
            this.auth = auth;
        }
    }
}
