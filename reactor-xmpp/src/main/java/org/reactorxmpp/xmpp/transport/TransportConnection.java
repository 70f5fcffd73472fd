package org.reactorxmpp.xmpp.transport;

import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One open XMPP stream over a transport. Thread-safe: every method may be called from any thread.
 *
 * <p>Elements are the top-level children of the stream: stanzas, {@code stream:features}, SASL and
 * other negotiation elements. The transport never interprets them, with one exception: a
 * {@code stream:error} ends the connection and surfaces as a
 * {@link org.reactorxmpp.xmpp.stanza.StreamErrorException}.
 *
 * <pre>{@code
 * connection.inbound().subscribe(element -> handle(element), error -> log(error));
 * connection.send(presence).then(connection.close(null)).subscribe();
 * }</pre>
 */
public interface TransportConnection {

    /**
     * The inbound elements, in the order the server sent them. Hot and multicast: every subscriber
     * sees the elements that arrive after it subscribed, except that elements arriving before the
     * first subscriber are buffered for it (so a fresh stream's first element, its
     * {@code stream:features}, is never missed). The buffer is bounded: when a slow subscriber lets it
     * fill, the connection fails with a {@link TransportOverflowException} instead of dropping
     * anything. Completes on a clean close; errors with the terminal cause otherwise.
     *
     * @return the inbound elements
     */
    Flux<XmlElement> inbound();

    /**
     * Sends one top-level element. Lazy: queued when subscribed. Completes once the element has been
     * written to the wire (for BOSH: once the HTTP request carrying it has been written, or answered,
     * whichever comes first; a lost request is resent by the transport). Cancelling before that
     * removes the element from the queue if it has not been written yet; once written it stays sent.
     *
     * @param element the element, normally a stanza in the {@code jabber:client} namespace
     * @return completion, or an error: {@link TransportClosedException} when the connection is closed,
     *     {@link TransportOverflowException} when the outbound queue is full, another
     *     {@link TransportException} when the connection fails before the element is delivered
     */
    Mono<Void> send(XmlElement element);

    /**
     * Sends a small control element ahead of the elements already queued and not written yet (XEP-0198
     * {@code <a h/>}: an answer about what we received must not wait behind a backlog of our own stanzas).
     * Only for elements whose place in the stream does not matter. A transport without such a queue writes it
     * in order, as {@link #send} does.
     *
     * <pre>{@code
     * connection.sendFirst(XmlElement.builder("urn:xmpp:sm:3", "a").attribute("h", "42").build()).subscribe();
     * }</pre>
     *
     * @param element the element
     * @return completion once written, or the errors of {@link #send}
     */
    default Mono<Void> sendFirst(XmlElement element) {
        return send(element);
    }

    /**
     * Restarts the XMPP stream, as required after SASL success (RFC 6120 section 6.4.6). The new
     * stream's features arrive on {@link #inbound()}. Lazy.
     *
     * @return completion once the restart request has been written (the new stream's features follow
     *     on {@link #inbound()})
     */
    Mono<Void> restart();

    /**
     * Closes the stream cleanly. Lazy. Elements sent before are delivered first.
     *
     * @param finalPayload an element to deliver with the close (typically unavailable presence), or
     *     {@code null}
     * @return completion once the server has acknowledged the close
     */
    Mono<Void> close(@Nullable XmlElement finalPayload);

    /**
     * @return a {@code Mono} that completes when the connection has closed cleanly and errors with the
     *     terminal cause otherwise; it never emits a value
     */
    Mono<Void> onClose();

    /**
     * @return whether the path to the server is protected (TLS, or a transport the server declares
     *     secure), so that credentials may be sent in the clear at the XMPP layer
     */
    boolean isSecure();

    /**
     * @return the transport's session identifier, when it has one (the BOSH {@code sid})
     */
    default Optional<String> sessionId() {
        return Optional.empty();
    }

    /**
     * What the connection runs on, as an immutable value: the kind of transport, the URL it talks to now (for
     * BOSH: after any {@code see-other-uri}), its session identifier and whether it is secure. Transports that
     * do not override it report {@link TransportDetails.Kind#OTHER} with {@link #sessionId()} and
     * {@link #isSecure()}.
     *
     * <pre>{@code
     * TransportDetails d = connection.details();
     * log.info("{} session {} at {}", d.kind(), d.sessionId().orElse("-"), d.url().orElse(null));
     * }</pre>
     *
     * @return the details, never {@code null}
     */
    default TransportDetails details() {
        return TransportDetails.of(TransportDetails.Kind.OTHER, null, sessionId().orElse(null), isSecure());
    }

    /**
     * Hands the session over instead of ending it: stops using it without telling the server (no close, no
     * terminate) and exports what {@link Transport#attach(byte[], StreamOpen)} needs to go on with it elsewhere.
     * {@link #inbound()} and {@link #onClose()} complete; elements not yet in a request fail with a
     * {@link TransportClosedException}, those in requests in flight are part of the state and resent by the new
     * owner. Lazy.
     *
     * <pre>{@code
     * connection.detach().subscribe(state -> store(state));
     * }</pre>
     *
     * @return the opaque state; or a {@link org.reactorxmpp.xmpp.session.SessionHandoverException} of reason
     *     {@code UNSUPPORTED} (the default: TCP and WebSocket streams cannot be handed over)
     */
    default Mono<byte[]> detach() {
        return Mono.error(new org.reactorxmpp.xmpp.session.SessionHandoverException(
            org.reactorxmpp.xmpp.session.SessionHandoverException.Reason.UNSUPPORTED,
            details().kind() + " connections cannot be handed over: only BOSH sessions can"));
    }

    /**
     * Snapshots of the state {@link #detach()} would export, for a new owner to attach from when this process
     * dies: a fresh one each time the state changes (a request goes out, a response is delivered). Hot, latest
     * wins (a slow subscriber misses intermediate snapshots, never the latest), never blocking the connection:
     * each is made on the connection's own thread and handed to the subscriber there, so a subscriber that stores
     * it somewhere slow must {@code publishOn} first. A new subscriber gets the current state at once. Completes
     * when the connection ends. Snapshots are made only while someone is subscribed.
     *
     * <pre>{@code
     * connection.checkpoints().publishOn(Schedulers.boundedElastic()).subscribe(state -> store(state));
     * }</pre>
     *
     * @return the snapshots; or a {@link org.reactorxmpp.xmpp.session.SessionHandoverException} of reason
     *     {@code UNSUPPORTED} (the default)
     */
    default Flux<byte[]> checkpoints() {
        return Flux.error(new org.reactorxmpp.xmpp.session.SessionHandoverException(
            org.reactorxmpp.xmpp.session.SessionHandoverException.Reason.UNSUPPORTED,
            details().kind() + " connections cannot be handed over: only BOSH sessions can"));
    }

    /**
     * Write-ahead checkpoints, opt-in: like {@link #checkpoints()}, but the connection waits for the store. While the
     * returned {@code Mono} is subscribed, no request with a new request id goes on the wire before {@code store}
     * completed for a snapshot that contains it, so a new owner attaching from the last stored snapshot knows every
     * request the server may have seen (without it, a crash between a request and its checkpoint loses the request
     * and what it acknowledged). One store runs at a time; snapshots made meanwhile replace each other and the
     * newest is stored next. {@code store} is called on the connection's thread (an event loop): it must return at
     * once and do its work asynchronously. Each request waits for one store round trip; the default path (no
     * write-ahead) never waits. Cancel to stop: requests then go out without waiting.
     *
     * <pre>{@code
     * connection.writeAheadCheckpoints(state -> Mono.fromCompletionStage(() -> map.setAsync(key, state))
     *         .subscribeOn(Schedulers.boundedElastic()))
     *     .subscribe();
     * }</pre>
     *
     * @param store stores one snapshot; completes once it is durable, errors when it cannot be stored
     * @return completes when the connection ends; errors with the store's error (write-ahead then stops) or with an
     *     {@link IllegalStateException} when write-ahead checkpoints are already being stored; or a
     *     {@link org.reactorxmpp.xmpp.session.SessionHandoverException} of reason {@code UNSUPPORTED} (the default)
     */
    default Mono<Void> writeAheadCheckpoints(Function<byte[], ? extends Publisher<Void>> store) {
        return Mono.error(new org.reactorxmpp.xmpp.session.SessionHandoverException(
            org.reactorxmpp.xmpp.session.SessionHandoverException.Reason.UNSUPPORTED,
            details().kind() + " connections cannot be handed over: only BOSH sessions can"));
    }
}
