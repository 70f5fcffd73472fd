package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.sm.StreamManagementException;
import org.reactorxmpp.xmpp.sm.StreamManagementStatus;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The stream-management state of one session, across its connections (XEP-0198): the resumption id, the
 * count of stanzas received and handled, the stanzas sent and not acknowledged yet, the ack-request policy.
 * Each connection is an {@link SmLink}; after a loss the next one either resumes ({@link #attachResumed}) or
 * starts a new XMPP session ({@link #attachNew}), which returns what the server had not acknowledged for the
 * session to send again, once. Thread-safe; the lock is never held while calling out.
 */
final class SmSession {

    private static final Logger LOG = LoggerFactory.getLogger(SmSession.class);

    /** What {@link #track} decided for a stanza. */
    enum Track { TRACKED, FULL, PLAIN }

    /**
     * What a new connection needs to resume: the id, our {@code h}, the JID the session was bound to, and what to
     * call when the server does not answer the resume (then the next attempt binds a new session).
     */
    record Ticket(String id, long handled, FullJid jid, Runnable unanswered) {
    }

    private final StreamManagement config;
    private final Supplier<Scheduler> timer;
    private final SessionLog log;
    private final Disposable.Swap quiet = Disposables.swap();
    private final Map<XmlElement, MonoSink<Void>> ackWaiters = new IdentityHashMap<>();
    private AckQueue queue;
    private @Nullable String id;
    private boolean resumable;
    private @Nullable FullJid jid;
    private long handled;
    private boolean counting;
    private boolean tracking;
    private boolean enabled;
    private @Nullable SmLink link;
    private int sinceRequest;
    /** Stanzas received since our last {@code <a/>}: past {@link StreamManagement#ackReceivedEvery()} one goes out unasked. */
    private int sinceAnswer;
    private @Nullable Throwable ended;
    /**
     * The link that resumed the session while the server has acknowledged nothing written on it yet (no {@code <a h/>}
     * beyond {@link #resumedH}): whether the server read anything written after {@code <resume/>} is unproven
     * ({@link #lossCause}). Prosody sends a last {@code <a/>} with the unchanged {@code h} before its stream error.
     */
    private @Nullable TransportConnection unconfirmed;
    /** The server's {@code h} in {@code <resumed/>} on {@link #unconfirmed}. */
    private long resumedH;

    /** For tests: the log prefix names no session. */
    SmSession(StreamManagement config, Supplier<Scheduler> timer) {
        this(config, timer, SessionLog.of(LOG, "-", () -> null), 0);
    }

    /** @param log the session's log (every line with its {@code [jid sid=...]} prefix) */
    SmSession(StreamManagement config, Supplier<Scheduler> timer, SessionLog log) {
        this(config, timer, log, 0);
    }

    /** @param start the initial value of the counters (tests of the 2<sup>32</sup> wrap) */
    SmSession(StreamManagement config, Supplier<Scheduler> timer, SessionLog log, long start) {
        this.config = config;
        this.timer = timer;
        this.log = log;
        this.queue = new AckQueue(start);
        this.handled = start & SmElements.MASK;
    }

    SmLink wrap(TransportConnection connection) {
        return new SmLink(connection, this);
    }

    /** @return what to resume with, when the server granted resumption */
    synchronized @Nullable Ticket ticket() {
        String i = id;
        FullJid j = jid;
        return i != null && resumable && j != null && ended == null ? new Ticket(i, handled, j, () -> abandon(i)) : null;
    }

    /**
     * The server did not answer {@code <resume/>} in time (Prosody 0.12's mod_smacks fails on a BOSH session,
     * mod_smacks.lua:585): resumption is given up, the next attempt binds a new session and sends the
     * unacknowledged stanzas again.
     */
    private void abandon(String previd) {
        synchronized (this) {
            if (!previd.equals(id)) {
                return;
            }
            resumable = false;
        }
        log.warn("the server did not answer the resumption of session {}: binding a new session next", previd);
    }

    /** @return whether stanzas are being counted: a loss then leaves their fate to the next connection */
    synchronized boolean isTracking() {
        return tracking;
    }

    /**
     * A connection bound a new XMPP session: the old session's stanzas that {@code failedH} (the server's
     * {@code h} in {@code <failed/>}, when given) does not acknowledge are returned, to be sent again; the
     * counters start over and, when the server offers it, {@code <enable/>} is written first.
     */
    List<SmEntry> attachNew(SmLink on, FullJid bound, boolean offered, @Nullable Long failedH) {
        List<SmEntry> acked = List.of();
        List<SmEntry> resend;
        boolean enable;
        synchronized (this) {
            if (failedH != null && queue.size() > 0) {
                acked = ackOrAll(failedH);
            }
            resend = queue.drain();
            queue = new AckQueue(0);
            id = null;
            resumable = false;
            jid = bound;
            handled = 0;
            sinceAnswer = 0;
            counting = false;
            enabled = false;
            link = on;
            unconfirmed = null;
            sinceRequest = 0;
            tracking = offered;
            enable = offered;
        }
        acked.forEach(SmEntry::acknowledged);
        if (enable) {
            on.control(SmElements.enable(config.resume()));
        }
        return resend;
    }

    /** A connection resumed the session: {@code h} acknowledges, the rest is written again, in order, first. */
    void attachResumed(SmLink on, long h) {
        List<SmEntry> acked;
        List<SmEntry> again;
        synchronized (this) {
            acked = ackOrAll(h);
            again = queue.snapshot();
            link = on;
            unconfirmed = on;
            resumedH = h;
            tracking = true;
            enabled = true;
            sinceRequest = 0;
        }
        acked.forEach(SmEntry::acknowledged);
        log.debug("resumed with the server's h={}: {} acknowledged, {} sent again{}", h, acked.size(), again.size(),
            again.isEmpty() ? "" : " (seq " + again.get(0).seq() + ".." + again.get(again.size() - 1).seq() + ")");
        again.forEach(on::rewrite);
        if (!again.isEmpty()) {
            on.control(SmElements.request());
        }
    }

    /** Sends the old session's unacknowledged stanzas on the new one, in order, counted anew. */
    void resend(SmLink on, List<SmEntry> entries) {
        entries.forEach(on::retrack);
    }

    /** The connection is gone; the state waits for the next one. */
    void lost(TransportConnection connection) {
        synchronized (this) {
            if (link == connection) {
                link = null;
            }
        }
        quiet.update(Disposables.disposed());
    }

    /**
     * Why a connection ended, as the reconnect policy should see it. A stream error {@code not-well-formed} or
     * {@code policy-violation} on a resumed connection before the server acknowledged anything on it means the
     * server never parsed what we wrote after {@code <resume/>}: Prosody 0.12 feeds a resumed connection's bytes
     * to the XML parser of the session's first connection (its {@code session.data} keeps that connection's
     * stream), so when a cut left an element unfinished there, our next bytes are parsed as its continuation; it
     * then closes the session and revokes the resumption. Resumption is given up (a new session is bound and
     * what the server had not acknowledged is sent again, once) and the loss becomes transient, a
     * {@link StreamManagementException} with {@link StreamManagementException.Reason#RESUMED_STREAM_FAILED}.
     * Bounded: on the new session the same error is terminal again.
     *
     * @param connection the connection that ended
     * @param cause why
     * @return {@code cause}, or the transient exception wrapping it
     */
    Throwable lossCause(TransportConnection connection, Throwable cause) {
        StreamErrorException error = streamError(cause);
        if (error == null || (error.condition() != StreamError.Condition.NOT_WELL_FORMED
            && error.condition() != StreamError.Condition.POLICY_VIOLATION)) {
            return cause;
        }
        String previd;
        synchronized (this) {
            if (unconfirmed != connection || ended != null) {
                return cause;
            }
            unconfirmed = null;
            resumable = false;
            previd = id;
        }
        log.warn("the server ended the resumed stream of session {} with {} before acknowledging anything on it:"
            + " binding a new session next", previd, error.condition());
        return new StreamManagementException(StreamManagementException.Reason.RESUMED_STREAM_FAILED,
            "the server ended the resumed stream with " + error.condition() + " before it acknowledged anything written"
                + " on it (it did not parse what followed <resume/>)", cause);
    }

    private static @Nullable StreamErrorException streamError(Throwable cause) {
        for (@Nullable Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StreamErrorException) {
                return (StreamErrorException) t;
            }
        }
        return null;
    }

    /** The session ended: every waiter fails. */
    void end(Throwable cause) {
        List<SmEntry> all;
        List<MonoSink<Void>> waiters;
        synchronized (this) {
            if (ended != null) {
                return;
            }
            ended = cause;
            all = queue.drain();
            waiters = new ArrayList<>(ackWaiters.values());
            ackWaiters.clear();
            link = null;
            tracking = false;
        }
        quiet.dispose();
        all.forEach(e -> e.fail(cause));
        waiters.forEach(w -> w.error(cause));
    }

    // outbound, from the links' serial queues

    Track track(SmLink on, SmEntry entry, boolean resend) {
        boolean request;
        MonoSink<Void> waiter;
        synchronized (this) {
            waiter = ackWaiters.remove(entry.element);
            if (!tracking || on != link) {
                request = false;
            } else if (!resend && queue.size() >= config.maxUnacked()) {
                if (waiter != null) {
                    ackWaiters.put(entry.element, waiter);
                }
                return Track.FULL;
            } else {
                if (waiter != null) {
                    entry.ackWaiter(waiter);
                    waiter = null;
                }
                queue.add(entry);
                sinceRequest++;
                request = sinceRequest >= config.ackEvery();
                if (request) {
                    sinceRequest = 0;
                }
                scheduleQuietRequest(on);
                if (request) {
                    on.control(SmElements.request());
                }
                return Track.TRACKED;
            }
        }
        if (waiter != null) {
            entry.ackWaiter(waiter);
        }
        return Track.PLAIN;
    }

    private void scheduleQuietRequest(SmLink on) {
        quiet.update(Mono.delay(config.ackAfter(), timer.get()).subscribe(tick -> {
            boolean ask;
            synchronized (this) {
                ask = link == on && tracking && queue.size() > 0;
                if (ask) {
                    sinceRequest = 0;
                }
            }
            if (ask) {
                on.control(SmElements.request());
            }
        }));
    }

    /** A stanza went out where stream management is off: whoever waits for its acknowledgement learns it never comes. */
    void untracked(SmEntry entry, boolean resent) {
        entry.unacknowledgeable(resent
            ? new StreamManagementException(StreamManagementException.Reason.UNACKNOWLEDGEABLE,
                "the stanza was sent again on a new session without stream management: it cannot be acknowledged")
            : new StreamManagementException(StreamManagementException.Reason.NOT_ENABLED,
                "stream management is not enabled on this connection: the stanza cannot be acknowledged"));
    }

    StreamManagementException queueFull() {
        return new StreamManagementException(StreamManagementException.Reason.QUEUE_FULL,
            "the server has not acknowledged " + config.maxUnacked() + " stanzas yet (StreamManagement.maxUnacked)");
    }

    /**
     * The transport did not write a counted stanza. When the connection is going, the stanza stays for the
     * next connection (its caller waits). An element the transport refused outright (full queue, invalid)
     * was never on the wire: it is uncounted when it was the last one, and its caller fails.
     */
    void writeFailed(SmLink on, SmEntry entry, Throwable error) {
        boolean refused = error instanceof TransportOverflowException || !(error instanceof TransportException);
        boolean removed = false;
        boolean stale;
        synchronized (this) {
            stale = !tracking && !queue.snapshot().contains(entry);
            if (refused) {
                removed = queue.removeLast(entry);
            }
        }
        if (stale || removed) {
            entry.fail(error);
        } else if (refused) {
            log.warn("the transport refused stanza {} after later ones were counted; the server's h may not match",
                entry);
        } else {
            log.debug("{} not written ({}), kept for the next connection", entry, error.toString());
        }
    }

    void controlFailed(XmlElement element, Throwable error) {
        log.debug("could not write {}: {}", element.localName(), error.toString());
    }

    // inbound, serialized per connection

    /**
     * @return whether the element was stream management's (then the session ignores it); stanzas are counted
     *     and return {@code false}
     */
    boolean inbound(TransportConnection on, XmlElement element) {
        if (SmElements.isStanza(element)) {
            long unasked = -1;
            synchronized (this) {
                if (counting) {
                    handled = (handled + 1) & SmElements.MASK;
                    int every = config.ackReceivedEvery();
                    if (every > 0 && ++sinceAnswer >= every) {
                        unasked = handled;
                    }
                }
            }
            if (unasked >= 0) {
                answer(on, unasked);
            }
            return false;
        }
        if (!SmElements.NS.equals(element.namespace())) {
            return false;
        }
        switch (element.localName()) {
            case "r":
                long h;
                synchronized (this) {
                    h = handled;
                }
                answer(on, h);
                break;
            case "a":
                Long ah = SmElements.h(element);
                synchronized (this) {
                    if (unconfirmed == on && ah != null && ah != resumedH) {
                        unconfirmed = null;
                    }
                }
                acknowledge(element);
                break;
            case "enabled":
                synchronized (this) {
                    id = element.attribute("id");
                    resumable = config.resume() && id != null && SmElements.isTrue(element.attribute("resume"));
                    enabled = true;
                    counting = true;
                    handled = 0;
                    sinceAnswer = 0;
                }
                log.debug("stream management enabled (resumable: {}, max {})", resumable, element.attribute("max"));
                break;
            case "failed":
                refused(element);
                break;
            default:
                log.debug("ignoring stream management element {}", element.localName());
        }
        return true;
    }

    /**
     * Writes {@code <a h/>} ahead of the stanzas queued for writing ({@link SmLink#answer}): the server's
     * unacknowledged queue must not grow with our outbound backlog (ejabberd ends the stream at 5,000 by default).
     */
    private void answer(TransportConnection on, long h) {
        synchronized (this) {
            sinceAnswer = 0;
        }
        if (on instanceof SmLink) {
            ((SmLink) on).answer(SmElements.answer(h));
        }
    }

    private void acknowledge(XmlElement a) {
        Long h = SmElements.h(a);
        if (h == null) {
            log.warn("ignoring <a/> without a valid h: {}", a);
            return;
        }
        List<SmEntry> acked;
        synchronized (this) {
            acked = ackOrAll(h);
        }
        acked.forEach(SmEntry::acknowledged);
    }

    /** Holding the lock. An {@code h} beyond what was sent acknowledges everything (and is logged). */
    private List<SmEntry> ackOrAll(long h) {
        try {
            return queue.ack(h);
        } catch (IllegalArgumentException e) {
            log.warn("{}", e.getMessage());
            return queue.drain();
        }
    }

    /** The server refused {@code <enable/>}: nothing is counted on this connection. */
    private void refused(XmlElement failed) {
        List<SmEntry> dropped;
        synchronized (this) {
            tracking = false;
            enabled = false;
            counting = false;
            dropped = queue.drain();
        }
        log.debug("the server refused stream management: {}", failed);
        dropped.forEach(e -> untracked(e, false));
    }

    // acknowledged sends

    /** @return completion when the server acknowledged {@code element}, which {@code send} writes */
    Mono<Void> acked(XmlElement element, Mono<?> send) {
        return Mono.create(sink -> {
            synchronized (this) {
                if (ended != null) {
                    sink.error(ended);
                    return;
                }
                ackWaiters.put(element, sink);
            }
            Disposable d = send.subscribe(null, error -> {
                synchronized (this) {
                    ackWaiters.remove(element, sink);
                }
                sink.error(error);
            });
            sink.onCancel(() -> {
                synchronized (this) {
                    ackWaiters.remove(element, sink);
                }
                d.dispose();
            });
        });
    }

    synchronized StreamManagementStatus status() {
        return new StreamManagementStatus(enabled, resumable && enabled, queue.size(), handled, queue.acked());
    }
}
