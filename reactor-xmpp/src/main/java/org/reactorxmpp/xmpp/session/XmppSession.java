package org.reactorxmpp.xmpp.session;

import java.time.Duration;

import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An authenticated, bound XMPP session, obtained from {@link XmppClient#connect()}. Thread-safe.
 *
 * <p><b>Inbound.</b> {@link #inbound()} is hot and multicast: each subscriber sees the stanzas that
 * arrive while it is subscribed (subscribe inside the {@code connect()} callback to miss nothing).
 * The session owns inbound backpressure: it reads its transport without limit and gives each
 * subscriber a bounded buffer ({@link XmppClient.Builder#inboundBufferSize(int)}); a subscriber that
 * lets it fill receives what was buffered and then a
 * {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}, instead of losing stanzas
 * silently (the others go on). The session itself keeps working: IQ correlation and handlers run
 * before the subscribers' buffers and never wait for them. Signals arrive on the transport's thread (an event loop): do not block in them.
 *
 * <p><b>Reconnect.</b> With a {@link Reconnect} policy enabled on the client, this object is the
 * session for its whole life, across connections: {@link #inbound()} subscribers stay subscribed,
 * IQ handlers stay registered, initial presence is resent on the new connection (the latest
 * presence broadcast on this session, for example {@code dnd}, or else plain available), and
 * {@link #states()} goes {@code RECONNECTING(n, cause)}, the new connection's
 * {@code CONNECTING, AUTHENTICATING, BINDING}, then {@code CONNECTED}; the policy's
 * {@link Reconnect#toRetry Retry} paces the attempts. Nothing is sent to a dead connection and
 * nothing the lost connection had not written is lost: such calls (still queued in the transport)
 * move, in their order, to the next connection, before any later call; calls made between
 * connections wait there too (up to {@link XmppClient.Builder#offlineQueueSize(int)}; one more fails
 * with a {@link org.reactorxmpp.xmpp.transport.TransportOverflowException}). Their {@code Mono}s
 * complete once written (a request's timeout keeps running meanwhile). A request the lost
 * connection had written fails with a {@link org.reactorxmpp.xmpp.transport.TransportClosedException}
 * (its reply cannot come any more). If the session ends instead, waiting calls fail with its cause.
 * {@link #jid()} may change when the server assigns the resource; {@link #connectionDetails()}
 * describes the current connection.
 *
 * <p><b>Features.</b> Services such as the roster are features of the session ({@link #feature}):
 * installed once, found again by their key, and removed (handlers, routes, codecs, capabilities)
 * when the session ends. They and the session's {@link #capabilities()} belong to this object, so
 * they outlive reconnects; every connection advertises the same capabilities.
 *
 * <p><b>Credentials.</b> Without reconnect the session's copy of the password is zeroed as soon as
 * SASL is over; with reconnect it is kept for the next negotiations and zeroed when the session
 * ends. (The {@link XmppClient} keeps its own copy for its next {@link XmppClient#connect()}.)
 *
 * <pre>{@code
 * client.connect().flatMap(session -> session
 *     .request(Iq.get(Jid.domain("example.com"), XmlElement.empty("urn:xmpp:ping", "ping")))
 *     .then(session.close()));
 * }</pre>
 */
public interface XmppSession {

    /** @return the full JID the server bound to this session */
    FullJid jid();

    /**
     * The stream features of the current connection as announced after authentication (the
     * features the session bound with; RFC 6120 section 4.3.2). Services read optional server
     * support here, for example roster versioning ({@code <ver xmlns='urn:xmpp:features:rosterver'/>})
     * or subscription pre-approval ({@code <sub xmlns='urn:xmpp:features:pre-approval'/>}).
     * With reconnect, these are the latest connection's features: a reconnect may land on a server
     * that announces other features, so read them when needed instead of caching them.
     *
     * <pre>{@code
     * boolean versioning = session.features().feature("urn:xmpp:features:rosterver").isPresent();
     * }</pre>
     *
     * @return the features of the current connection
     */
    StreamFeatures features();

    /**
     * What the current transport connection is (its number in this session, the BOSH {@code sid},
     * the candidate URL, whether it is secure). A snapshot: after a reconnect it describes the new
     * connection.
     *
     * <pre>{@code
     * session.connectionDetails().sessionId().ifPresent(sid -> log.info("BOSH sid {}", sid));
     * }</pre>
     *
     * @return the details of the current (or, while reconnecting, the last) connection
     */
    ConnectionDetails connectionDetails();

    /**
     * @return every inbound stanza (messages, presences and IQs, including IQ replies also delivered
     *     to {@link #request(Iq)}); completes when the session closes cleanly, errors otherwise
     */
    Flux<Stanza> inbound();

    /** @return the inbound messages */
    default Flux<Message> messages() {
        return inbound().ofType(Message.class);
    }

    /** @return the inbound presences */
    default Flux<Presence> presences() {
        return inbound().ofType(Presence.class);
    }

    /** @return the inbound IQs */
    default Flux<Iq> iqs() {
        return inbound().ofType(Iq.class);
    }

    /**
     * Sends a stanza. Lazy. Available presence gets the session's entity-caps element added when it
     * has none. Sends are serialized per session by the transport.
     *
     * <p>With stream management ({@link org.reactorxmpp.xmpp.sm.StreamManagement}) a stanza, once handed to the
     * transport, is counted and kept until the server acknowledges it: cancelling no longer takes it back, and
     * when the connection is lost before it is written the returned {@code Mono} completes when the next
     * connection writes it again. To learn that the server received it, use {@link #sendAcked(Stanza)}.
     *
     * @param stanza the stanza
     * @return completion once written, or the transport's error
     */
    Mono<Void> send(Stanza stanza);

    /**
     * Sends a stanza and completes when the server acknowledged it (XEP-0198 {@code <a h/>}), including an
     * acknowledgement that arrives after the session resumed on a new connection. Needs stream management
     * enabled on the client and on the server.
     *
     * <pre>{@code
     * session.sendAcked(Message.builder().to(bob).body("hi").build())
     *     .subscribe(null, error -> log.warn("not acknowledged", error), () -> log.info("the server has it"));
     * }</pre>
     *
     * @param stanza the stanza
     * @return completion once acknowledged; or a {@link org.reactorxmpp.xmpp.sm.StreamManagementException}
     *     ({@code NOT_ENABLED} when stream management is off, {@code QUEUE_FULL}, or {@code UNACKNOWLEDGEABLE}
     *     when it was sent again on a new session without stream management), or the session's end cause
     */
    default Mono<Void> sendAcked(Stanza stanza) {
        return Mono.error(new org.reactorxmpp.xmpp.sm.StreamManagementException(
            org.reactorxmpp.xmpp.sm.StreamManagementException.Reason.NOT_ENABLED,
            "stream management is not enabled on this session"));
    }

    /**
     * @return a snapshot of the session's stream management (XEP-0198): enabled, resumable, counters
     */
    default org.reactorxmpp.xmpp.sm.StreamManagementStatus streamManagement() {
        return org.reactorxmpp.xmpp.sm.StreamManagementStatus.off();
    }

    /**
     * Sends a {@code get} or {@code set} and waits for the reply with the same id from the addressed
     * entity, with the client's default request timeout.
     *
     * @param request the request
     * @return the result; or a {@link org.reactorxmpp.xmpp.stanza.StanzaErrorException}: the error
     *     reply, or {@code remote-server-timeout} when no reply came in time
     * @see #request(Iq, Duration)
     */
    Mono<Iq> request(Iq request);

    /**
     * Like {@link #request(Iq)} with a timeout for this call. Lazy; the pending entry is registered
     * before the request is sent and removed on reply, timeout or cancel. A reply from another sender
     * than the request's {@code to} is not accepted (for requests to the own account or server: no
     * {@code from}, the own bare or full JID, or the own domain).
     *
     * @param request the request
     * @param timeout how long to wait for the reply
     * @return the result or the typed error
     */
    Mono<Iq> request(Iq request, Duration timeout);

    /**
     * Registers the handler for incoming {@code get}/{@code set} IQs whose payload is in a namespace.
     * Requests without a handler are answered with {@code feature-not-implemented}.
     *
     * @param namespace the payload namespace, for example {@code urn:xmpp:ping}
     * @param handler the handler
     * @return a handle whose {@link Disposable#dispose()} removes the handler
     * @throws IllegalStateException when a handler for that namespace is already registered
     */
    Disposable handle(String namespace, IqHandler handler);

    /**
     * The connection states. Each new subscriber first receives the history, up to the last 16
     * states: for a fresh session {@code CONNECTING, AUTHENTICATING, BINDING, CONNECTED}, so the
     * connect sequence is observable after {@link XmppClient#connect()} emitted; then live changes.
     * With reconnect, the history continues across connections ({@code RECONNECTING(n)},
     * {@code CONNECTING}, ..., {@code CONNECTED}) and a late subscriber sees only its last 16 entries.
     * The last state of the replayed history is where the session stands now.
     *
     * <pre>{@code
     * session.states().subscribe(state -> log.info("{}: {}", session.jid(), state));
     * }</pre>
     *
     * @return the states; completes after {@link ConnectionState.Kind#DISCONNECTED}
     */
    Flux<ConnectionState> states();

    /**
     * The connection states from now on, without the history that {@link #states()} replays: what
     * a service reacting to transitions (reload after a reconnect, stop work on disconnect) wants, so
     * that an old {@code RECONNECTING} is not mistaken for a new one.
     *
     * <pre>{@code
     * session.stateChanges().filter(s -> s.kind() == ConnectionState.Kind.RECONNECTING)
     *     .subscribe(s -> log.warn("connection lost, attempt {}", s.attempt()));
     * }</pre>
     *
     * @return the states emitted after subscription; completes after {@link ConnectionState.Kind#DISCONNECTED}
     */
    Flux<ConnectionState> stateChanges();

    /**
     * Closes the session: sends unavailable presence with the close and terminates the stream.
     * Lazy; idempotent. Pending requests fail with a
     * {@link org.reactorxmpp.xmpp.transport.TransportClosedException}.
     *
     * @return completion once the server acknowledged the close
     */
    Mono<Void> close();

    /** @return a {@code Mono} completing when the session ended cleanly, erroring with the cause otherwise */
    Mono<Void> onClose();

    /**
     * Hands the session over to another owner instead of closing it: this object stops using the session without
     * ending it on the server (no unavailable presence, no terminate: the account stays online with the same full
     * JID), and the returned {@link SessionHandover} lets another {@link XmppClient} of the same account, possibly
     * in another process, go on with it ({@link XmppClient#attach(SessionHandover)}) without SASL or bind. Lazy.
     *
     * <p>Here the session then ends as after a clean close, with one difference: the last state is
     * {@link ConnectionState#detached()} ({@code DISCONNECTED}, {@link ConnectionState#isDetached()} true).
     * {@link #inbound()}, {@link #states()} and {@link #onClose()} complete; requests waiting for a reply fail with a
     * {@link org.reactorxmpp.xmpp.transport.TransportClosedException} (the reply goes to the new owner); sends not
     * yet in a transport request fail the same way, while those already in a request in flight travel in the
     * handover and are delivered by the new owner. What the server sends after the detach reaches the new owner
     * once, in order. No reconnect follows.
     *
     * <p>Over BOSH no {@code pause} is needed (ejabberd advertises {@code maxpause}, Prosody does not): the server
     * keeps the session while its last request is held and then for its inactivity timeout, within which the new
     * owner must attach.
     *
     * <pre>{@code
     * session.detach()
     *     .map(SessionHandover::toBytes)
     *     .flatMap(bytes -> store.put(account, bytes))        // the new owner reads them and attaches
     *     .subscribe();
     * }</pre>
     *
     * @return the handover; or a {@link SessionHandoverException}: {@code UNSUPPORTED} when the transport cannot
     *     hand over (TCP, WebSocket; the default), {@code NOT_CONNECTED} when the session is not connected now,
     *     {@code STREAM_MANAGEMENT} when stream management is enabled on it; in every such case the session goes on
     */
    default Mono<SessionHandover> detach() {
        return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.UNSUPPORTED,
            "this session cannot be handed over"));
    }

    /**
     * Checkpoints for crash takeover: a fresh {@link SessionHandover} each time the transport's session state
     * changes (over BOSH: a request goes out with its rid and bytes, or a response is delivered), so that when
     * this process dies another can {@link XmppClient#attach(SessionHandover) attach} from the last one stored;
     * the requests that were in flight are resent with the same request ids, and the server replays its answers
     * to those it had answered already. Hot, latest wins: a slow subscriber skips intermediate checkpoints, never
     * the latest; a new subscriber gets the current state at once. Checkpoints are made on the connection's
     * thread (an event loop) only while someone is subscribed; store them after a {@code publishOn}. After a
     * reconnect, checkpoints follow the new connection. Completes when the session ends.
     *
     * <pre>{@code
     * session.checkpoints()
     *     .publishOn(Schedulers.boundedElastic())
     *     .subscribe(handover -> map.put(account, handover.toBytes()));
     * }</pre>
     *
     * @return the checkpoints; or a {@link SessionHandoverException} of reason {@code UNSUPPORTED} when the
     *     transport cannot hand over
     */
    default Flux<SessionHandover> checkpoints() {
        return Flux.error(new SessionHandoverException(SessionHandoverException.Reason.UNSUPPORTED,
            "this session cannot be handed over"));
    }

    /**
     * Write-ahead checkpoints for exactly-once crash takeover, opt-in: like {@link #checkpoints()}, but the session
     * waits for the store. While the returned {@code Mono} is subscribed, no request with a new request id goes on
     * the wire (over BOSH) before {@code store} completed for a checkpoint that contains it, so a new owner attaching
     * from the last stored checkpoint resends every request the server may have seen, with the same bytes, and the
     * server processes each once. Without it a crash between a request and its checkpoint loses that request. The
     * cost: each request waits for one store round trip; {@link #checkpoints()} and sessions that use neither never
     * wait. One store runs at a time; checkpoints made meanwhile replace each other and the newest is stored next.
     * {@code store} is called on the connection's thread (an event loop): return at once, store asynchronously (a
     * {@code subscribeOn} for a store that may block). After a reconnect, write-ahead follows the new connection.
     * Cancel to stop waiting.
     *
     * <pre>{@code
     * session.writeAheadCheckpoints(handover -> Mono.fromCompletionStage(() -> map.setAsync(account, handover.toBytes()))
     *         .subscribeOn(Schedulers.boundedElastic()))
     *     .subscribe();
     * }</pre>
     *
     * @param store stores one checkpoint; completes once it is durable, errors when it cannot be stored (write-ahead
     *     then stops: requests go out without waiting)
     * @return completes when the session ends; errors with the store's error; or a {@link SessionHandoverException}
     *     of reason {@code UNSUPPORTED} when the transport cannot hand over
     */
    default Mono<Void> writeAheadCheckpoints(
            java.util.function.Function<SessionHandover, ? extends org.reactivestreams.Publisher<Void>> store) {
        return Mono.error(new SessionHandoverException(SessionHandoverException.Reason.UNSUPPORTED,
            "this session cannot be handed over"));
    }

    /**
     * The session's service for a feature (roster, presence, a XEP): installed on first use through
     * its {@link org.reactorxmpp.xmpp.feature.FeatureContext}, the same instance afterwards, removed
     * (handlers, routes, capabilities) when the session ends. Features declared with
     * {@link XmppClient.Builder#feature(Feature)} are installed before the session is handed out.
     *
     * <pre>{@code
     * Roster roster = session.feature(Roster.KEY);
     * assert roster == Roster.of(session);
     * }</pre>
     *
     * @param feature the feature, or its {@link org.reactorxmpp.xmpp.feature.FeatureKey}
     * @param <F> the service type
     * @return the service
     * @throws IllegalStateException when the feature's key was installed with other settings, or the
     *     session ended
     */
    <F> F feature(Feature<F> feature);

    /**
     * The identities, features and forms this session advertises (disco#info, entity caps), shared
     * by all its connections. Features add to it while they live; a change re-sends presence.
     *
     * <pre>{@code
     * Disposable interest = session.capabilities().addFeature("http://jabber.org/protocol/geoloc+notify");
     * }</pre>
     *
     * @return the session's capabilities registry
     */
    Capabilities capabilities();

    /**
     * The codecs of the client ({@link XmppClient.Builder#codec}) and of the features installed now.
     *
     * <pre>{@code
     * List<Object> extensions = session.codecs().decodeAll(message.element());
     * }</pre>
     *
     * @return the current codecs (an immutable snapshot)
     */
    ExtensionRegistry codecs();
}
