package org.reactorxmpp.bosh.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One BOSH session: the request scheduler (XEP-0124 sections 7 to 14, XEP-0206), as the application sees it.
 *
 * <p>All state is confined to a serialized task loop (a lock-free "actor", {@link TaskLoop}): HTTP callbacks,
 * timers and API calls only enqueue tasks, and whichever thread finds the loop idle runs them, then decides which
 * requests to send. Nothing blocks, no lock is held while calling out, and inbound elements are emitted by one
 * thread at a time in rid order. The parts of the session are listed in {@link SessionCore}. Created by
 * {@link BoshSessions}.
 */
final class BoshConnection implements TransportConnection {

    private final SessionCore s;

    /**
     * @param settings the transport settings
     * @param http the HTTP exchange of the transport
     * @param open the stream header values
     */
    BoshConnection(BoshSettings settings, BoshHttp http, StreamOpen open) {
        this.s = new SessionCore(this, settings, http, open);
    }

    /**
     * Starts the session: sends the creation request. Called once.
     *
     * @param sink completed with this connection once the session exists
     */
    void start(MonoSink<TransportConnection> sink) {
        sink.onCancel(() -> s.submit(() -> {
            if (s.state == SessionCore.State.CREATING) {
                s.connectSink = null;
                s.termination.fail(new TransportClosedException("BOSH session creation cancelled", null));
            }
        }));
        s.submit(() -> {
            s.connectSink = sink;
            long rid = s.takeRid();
            Exchange ex = new Exchange(rid, Outgoing.Kind.ELEMENT, s.bodies.creation(rid), List.of());
            s.creation = ex;
            s.requests.add(ex);
        });
    }

    /**
     * Takes over a live session (attach): resends the unanswered requests unchanged, then carries on.
     *
     * @param state the exported session state
     * @param sink completed with this connection
     * @param confirm whether the sink waits for the connection manager's first answer (see {@link Handover})
     */
    void attach(BoshSessionState state, MonoSink<TransportConnection> sink, boolean confirm) {
        s.submit(() -> s.handover.attach(state, sink, confirm));
    }

    /**
     * Hands the session over (detach): stops sending, abandons the requests in flight locally and completes
     * {@link #inbound()}; queued elements fail with {@link TransportClosedException}. The bytes of every request
     * whose response was not delivered yet (unanswered, or answered after a still unanswered one) are exported
     * for the new owner to resend, so the exported rids are contiguous up to the last rid used.
     *
     * @return the state to pass to {@code BoshTransport.attach}
     */
    Mono<BoshSessionState> detachState() {
        return Mono.create(sink -> s.submit(() -> s.handover.detach(sink)));
    }

    /** The state of {@link #detachState()}, encoded by {@link BoshStateCodec}. */
    @Override
    public Mono<byte[]> detach() {
        return detachState().map(BoshStateCodec::encode);
    }

    /** Encoded by {@link BoshStateCodec}, made on the task loop before the new request is written. */
    @Override
    public Flux<byte[]> checkpoints() {
        return s.handover.checkpoints();
    }

    @Override
    public Mono<Void> writeAheadCheckpoints(Function<byte[], ? extends Publisher<Void>> store) {
        return Mono.create(sink -> s.submit(() -> s.handover.writeAhead(store, sink)));
    }

    /**
     * Pauses the session (XEP-0124 section 10): sends a request with {@code pause}, after which the connection
     * manager answers the requests it holds and the client makes no request until {@link #resume()} or the
     * next element sent.
     *
     * @param duration how long, in whole seconds (at least one), at most the advertised {@code maxpause}
     * @return completes once the pause request is written
     */
    Mono<Void> pause(Duration duration) {
        return Mono.create(sink -> s.submit(() -> s.handover.pause(duration, sink)));
    }

    /** @return completes once the session has resumed normal traffic after {@link #pause(Duration)} */
    Mono<Void> resume() {
        return Mono.create(sink -> s.submit(() -> s.handover.resume(sink)));
    }

    /** @return the longest pause the connection manager allows, or empty when it does not support pausing */
    Optional<Duration> maxPause() {
        return s.handover.maxPause();
    }

    @Override
    public Flux<XmlElement> inbound() {
        return s.inbound.flux();
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.create(sink -> {
            byte[] bytes;
            try {
                bytes = BoshBodies.payload(element);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            s.queue.enqueue(new Outgoing(Outgoing.Kind.ELEMENT, bytes, sink));
        });
    }

    @Override
    public Mono<Void> restart() {
        return Mono.create(sink -> s.queue.enqueue(new Outgoing(Outgoing.Kind.RESTART, null, sink)));
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return Mono.create(sink -> {
            byte[] bytes;
            try {
                bytes = finalPayload == null ? null : BoshBodies.payload(finalPayload);
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            s.submit(() -> s.termination.close(bytes, sink));
        });
    }

    @Override
    public Mono<Void> onClose() {
        return s.termination.onClose();
    }

    /**
     * Secure only when the hop from us to the connection manager is HTTPS. The {@code secure}
     * attribute of the session creation response (XEP-0124 section 7.1) describes the hop from the
     * connection manager to the XMPP server, and Prosody 0.12 sends {@code secure='true'} over plain
     * HTTP too, so it must not make a password-in-clear mechanism acceptable.
     */
    @Override
    public boolean isSecure() {
        return s.settings.tls();
    }

    @Override
    public Optional<String> sessionId() {
        return Optional.ofNullable(s.sid);
    }

    @Override
    public TransportDetails details() {
        return TransportDetails.of(TransportDetails.Kind.BOSH, s.settings.url(), s.sid, isSecure());
    }
}
