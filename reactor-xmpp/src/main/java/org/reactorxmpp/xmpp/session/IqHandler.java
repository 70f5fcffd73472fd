package org.reactorxmpp.xmpp.session;

import java.util.Objects;
import java.util.function.Function;

import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;

/**
 * Answers incoming {@code get}/{@code set} IQs whose payload is in one namespace, registered with
 * {@link XmppSession#handle(String, IqHandler)}.
 *
 * <p>The returned {@code Mono} emits the reply (normally {@code request.resultWith(...)}); empty
 * means an empty result. An error signal that is a
 * {@link org.reactorxmpp.xmpp.stanza.StanzaErrorException} is sent back as that stanza error, any
 * other error as {@code internal-server-error}. Handlers run on the thread that delivered the IQ (an
 * event loop): they must not block.
 *
 * <pre>{@code
 * session.handle("urn:example:echo", IqHandler.ofPayload(iq -> Mono.just(iq.payload().orElseThrow())));
 * }</pre>
 */
@FunctionalInterface
public interface IqHandler {

    /**
     * @param request the incoming get or set
     * @return the reply, or empty for an empty result
     */
    Mono<Iq> handle(Iq request);

    /**
     * A handler that returns only the result payload; the session wraps it in the result IQ.
     *
     * @param payloadFunction computes the result payload (empty: a result without payload)
     * @return the handler
     */
    static IqHandler ofPayload(Function<Iq, Mono<XmlElement>> payloadFunction) {
        Objects.requireNonNull(payloadFunction, "payloadFunction");
        return request -> payloadFunction.apply(request)
            .map(request::resultWith)
            .switchIfEmpty(Mono.fromSupplier(() -> request.resultWith(null)));
    }
}
