package org.reactorxmpp.xmpp.session.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * IQ correlation: pending requests by id, each remembering whom it was sent to, so that a reply is
 * accepted only from that entity (RFC 6120 section 8.1.2.1 and 10.1). Entries are registered before
 * the request is written and removed on reply, timeout or cancel. One instance serves the session
 * across its connections: an entry also remembers the connection its request was written on, so
 * that when that connection is lost only the requests it carried fail (their replies cannot come
 * any more), while those not written yet stay pending and are written on the next connection.
 */
final class PendingRequests {

    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Supplier<FullJid> self;
    private final Supplier<Scheduler> timer;
    private final Object logId;

    /**
     * @param self the session's current JID
     * @param timer where timeouts run
     * @param logId the prefix of its log lines ({@code SessionLog.id})
     */
    PendingRequests(Supplier<FullJid> self, Supplier<Scheduler> timer, Object logId) {
        this.self = self;
        this.timer = timer;
        this.logId = logId;
    }

    /**
     * Registers a request; the returned Mono runs {@code send} once registered.
     *
     * @param send writes the request and emits the connection it was written on
     */
    Mono<Iq> register(Iq request, Duration timeout, Function<Iq, Mono<?>> send) {
        if (!request.isRequest()) {
            return Mono.error(new IllegalArgumentException("only a get or set IQ can be a request, not type '"
                + request.element().attribute("type") + "'"));
        }
        String id = request.id();
        if (id == null) {
            return Mono.error(new IllegalArgumentException("an IQ request needs an id"));
        }
        Jid to = request.to();
        return Mono.<Iq>create(sink -> {
                Pending entry = new Pending(to, sink);
                if (pending.putIfAbsent(id, entry) != null) {
                    sink.error(new IllegalStateException("a request with id '" + id + "' is already pending"));
                    return;
                }
                sink.onDispose(() -> pending.remove(id, entry));
                sink.onCancel(send.apply(request).subscribe(on -> entry.writtenOn = on, error -> {
                    pending.remove(id, entry);
                    sink.error(error);
                }));
            })
            .timeout(timeout, Mono.error(() -> new StanzaErrorException(StanzaError.of(
                StanzaError.Condition.REMOTE_SERVER_TIMEOUT, "no reply to iq '" + id + "' from "
                    + (to == null ? "the server" : to) + " within " + timeout), null)), timer.get());
    }

    /** Fails the requests written on a connection that is lost: their replies cannot arrive any more. */
    void failWrittenOn(Object connection, Throwable cause) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (e.getValue().writtenOn == connection && pending.remove(e.getKey(), e.getValue())) {
                e.getValue().sink.error(cause);
            }
        }
    }

    /**
     * A new XMPP session replaced a lost one whose stanzas were under stream management: the requests written
     * before it cannot be answered any more, except those being sent again on the new session.
     *
     * @param current the new connection
     * @param resent the ids of the requests sent again
     */
    void failWrittenBefore(Object current, java.util.Set<String> resent, Throwable cause) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Object on = e.getValue().writtenOn;
            if (on != null && on != current && !resent.contains(e.getKey()) && pending.remove(e.getKey(), e.getValue())) {
                e.getValue().sink.error(cause);
            }
        }
    }

    /**
     * Completes the pending request a result or error IQ answers.
     *
     * @return whether the IQ was the reply to a pending request
     */
    boolean complete(Iq reply) {
        String id = reply.id();
        if (id == null) {
            return false;
        }
        Pending entry = pending.get(id);
        if (entry == null) {
            return false;
        }
        if (!acceptsFrom(entry.to, reply.fromText())) {
            log.warn("[{}] ignoring reply to iq '{}' from '{}': the request was sent to {}", logId, id, reply.fromText(),
                entry.to == null ? "our server" : entry.to);
            return false;
        }
        if (!pending.remove(id, entry)) {
            return false;
        }
        if (reply.type() == Iq.Type.ERROR) {
            entry.sink.error(StanzaErrorException.of(reply));
        } else {
            entry.sink.success(reply);
        }
        return true;
    }

    /** Fails every pending request. */
    void failAll(Throwable cause) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                e.getValue().sink.error(cause);
            }
        }
    }

    int size() {
        return pending.size();
    }

    private boolean acceptsFrom(@Nullable Jid to, @Nullable String fromText) {
        FullJid self = this.self.get();
        Jid from;
        if (fromText == null) {
            from = null;
        } else {
            from = Jid.tryParse(fromText).orElse(null);
            if (from == null) {
                return false;
            }
        }
        boolean toOwnAccountOrServer = to == null || to.equals(self.asBare()) || to.equals(self)
            || to.equals(Jid.domain(self.domainpart()));
        if (toOwnAccountOrServer) {
            return from == null || from.equals(self.asBare()) || from.equals(self)
                || from.equals(Jid.domain(self.domainpart()));
        }
        return to.equals(from);
    }

    private static final class Pending {
        final @Nullable Jid to;
        final MonoSink<Iq> sink;
        volatile @Nullable Object writtenOn;

        Pending(@Nullable Jid to, MonoSink<Iq> sink) {
            this.to = to;
            this.sink = sink;
        }
    }
}
