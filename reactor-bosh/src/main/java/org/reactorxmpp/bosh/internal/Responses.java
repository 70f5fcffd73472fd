package org.reactorxmpp.bosh.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportObserver;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;

import reactor.core.publisher.MonoSink;

/**
 * The answers of one session: checked (sid, binding errors, the busy-loop guard), put back in rid order when they
 * complete out of order, and delivered (their children to {@link Inbound}, their type acted on). Confined to the
 * task loop.
 */
final class Responses {

    private final SessionCore s;
    private final TreeMap<Long, XmlElement> answered = new TreeMap<>();
    /** The request bytes of the {@link #answered} rids, kept until delivered: a detach hands them over. */
    private final TreeMap<Long, byte[]> answeredRequests = new TreeMap<>();
    /** Rids of keep-alive requests made while subscribers lagged: their answers must fit the buffer. */
    private final Set<Long> strictRids = new HashSet<>();
    private final HoldGuard holdGuard = new HoldGuard();
    /** When the last response arrived: the connection manager's inactivity clock starts there. */
    private long lastResponseNanos;
    /** When the last response arrived, in real time (the linger). */
    private long lastResponseRealNanos;

    Responses(SessionCore s) {
        this.s = s;
        this.lastResponseNanos = s.settings.nanoTime();
    }

    long lastResponseNanos() {
        return lastResponseNanos;
    }

    long lastResponseRealNanos() {
        return lastResponseRealNanos;
    }

    /** @param rid a keep-alive made although subscribers lag: its answer must fit the inbound buffer */
    void mustFit(long rid) {
        strictRids.add(rid);
    }

    /** @return the request bytes of an answered rid not delivered yet, or {@code null} */
    byte @Nullable [] answeredRequest(long rid) {
        return answeredRequests.get(rid);
    }

    /** @return how long the busy-loop guard still delays the next empty request, in the session's nanoseconds */
    long throttled() {
        return holdGuard.remaining(s.settings.nanoTime());
    }

    void clear() {
        answered.clear();
        answeredRequests.clear();
    }

    void onResponse(Exchange ex, XmlElement body) {
        if (s.state == SessionCore.State.CLOSED || !s.requests.isCurrent(ex)) {
            return;
        }
        s.requests.ended(ex, false);
        WireLog.received(s.log.id(), ex.rid, body);
        boolean creation = ex == s.creation;
        String answeredSid = body.attribute("sid");
        SessionParameters current = s.params;
        if (!creation && answeredSid != null && current != null && !answeredSid.equals(current.sid())) {
            // another session's answer: nothing of it is delivered (XEP-0124 section 7: the sid identifies the session)
            s.termination.violation(BoshException.client(BoshCondition.SID_MISMATCH, "BOSH response to rid=" + ex.rid
                + " carries sid='" + answeredSid + "', not this session's '" + current.sid() + "'", null));
            return;
        }
        if ("error".equals(BoshBodies.type(body)) && !creation) {
            s.stats.ended(ex, TransportObserver.Outcome.RECOVERABLE_ERROR);
            s.recovery.recover(ex);
            return;
        }
        s.stats.ended(ex, TransportObserver.Outcome.ANSWERED);
        s.requests.remove(ex);
        lastResponseNanos = s.settings.nanoTime();
        lastResponseRealNanos = System.nanoTime();
        s.recovery.answered(ex, body, creation);
        completeCarried(ex);
        ex.carried.forEach(Outgoing::succeed);
        if (creation) {
            s.creation = null;
            onCreated(ex, body);
            return;
        }
        if (!guardHold(ex, body)) {
            return;
        }
        answered.put(ex.rid, body);
        answeredRequests.put(ex.rid, ex.body);
        if (ex.kind == Outgoing.Kind.TERMINATE) {
            // the session is over: deliver what arrived, in rid order, and stop
            for (Map.Entry<Long, XmlElement> b : answered.entrySet()) {
                if (!deliver(b.getValue(), strictRids.remove(b.getKey()))) {
                    return;
                }
            }
            clear();
            s.termination.closeCleanly();
            return;
        }
        Map.Entry<Long, XmlElement> next;
        while (s.state != SessionCore.State.CLOSED && (next = answered.firstEntry()) != null
            && next.getKey() == s.nextDeliverRid) {
            answered.pollFirstEntry();
            answeredRequests.remove(next.getKey());
            s.nextDeliverRid++;
            if (!deliver(next.getValue(), strictRids.remove(next.getKey()))) {
                return;
            }
        }
    }

    private void onCreated(Exchange ex, XmlElement body) {
        if (Termination.isTerminate(body)) {
            s.termination.fail(s.termination.terminateException(body));
            return;
        }
        SessionParameters p;
        try {
            p = SessionParameters.parse(body, s.settings.waitTime(), s.settings.hold());
        } catch (IllegalArgumentException e) {
            s.termination.fail(BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                "invalid BOSH session creation response: " + e.getMessage(), e));
            return;
        }
        s.params = p;
        s.sid = p.sid();
        s.nextDeliverRid = ex.rid + 1;
        s.state = SessionCore.State.OPEN;
        s.gzipRequests = s.settings.httpOptions().compress() && p.accepts("gzip");
        s.recovery.created(ex.rid, body.attribute("ack") != null);
        s.log.debug("BOSH session created: requests={}, hold={}, wait={}, inactivity={}, polling={}", p.requests(),
            p.hold(), p.waitTime(), p.inactivity(), p.polling());
        if (!deliver(body, false)) {
            return; // fail() or closeCleanly() has answered the connect sink
        }
        MonoSink<TransportConnection> sink = s.connectSink;
        s.connectSink = null;
        if (sink != null) {
            sink.success(s.connection);
        }
    }

    /**
     * Feeds the busy-loop guard: an empty answer to a lone empty request (no later rid that could have released
     * it) that came back far sooner than {@code wait}.
     *
     * @return whether the session goes on
     */
    private boolean guardHold(Exchange ex, XmlElement body) {
        SessionParameters p = s.params;
        if (p == null || s.state != SessionCore.State.OPEN) {
            return true;
        }
        if (!ex.carried.isEmpty() || ex.kind != Outgoing.Kind.ELEMENT || body.elements().findAny().isPresent()) {
            holdGuard.reset();
            return true;
        }
        if (ex.rid + 1 < s.nextRid || s.paused || BoshBodies.type(body) != null) {
            return true; // a later request was made (answered or not), or a pause: it may release this one
        }
        if (holdGuard.answered(ex.writtenNanos, s.settings.nanoTime(), true, p)) {
            if (holdGuard.early() > 0) {
                s.log.debug("empty request rid={} answered at once although hold={}: next one in {} ms"
                    + " ({} in a row)", ex.rid, p.hold(), holdGuard.remaining(s.settings.nanoTime()) / 1_000_000,
                    holdGuard.early());
            }
            return true;
        }
        s.termination.violation(BoshException.client(BoshCondition.NOT_HOLDING, "the BOSH connection manager answered "
            + (HoldGuard.MAX_EARLY + 1) + " empty requests in a row at once, empty, although it announced hold="
            + p.hold() + " (it should keep them up to wait=" + p.waitTime().toSeconds() + " s)", null));
        return false;
    }

    /** The elements of a request are sent once its bytes are on the wire (or it is answered). */
    void completeCarried(Exchange ex) {
        if (ex.kind == Outgoing.Kind.TERMINATE) {
            return; // the terminate completes when answered: the session is then over
        }
        ex.carried.forEach(Outgoing::succeed);
    }

    /**
     * Emits a response body's children and acts on its type.
     *
     * @return whether the session is still open
     */
    private boolean deliver(XmlElement body, boolean mustFit) {
        boolean terminate = Termination.isTerminate(body);
        if (s.state == SessionCore.State.CLOSING && terminate && "other-request".equals(body.attribute("condition"))) {
            // our terminate reached the connection manager first: it ended the session and answered the request
            // it held with other-request (ejabberd does). That is the close we asked for, not a failure.
            s.log.debug("held request answered other-request while our terminate is in flight: closed");
            s.termination.closeCleanly();
            return false;
        }
        if (terminate && body.attribute("condition") != null) {
            s.termination.fail(s.termination.terminateException(body));
            return false;
        }
        if ("error".equals(BoshBodies.type(body))) {
            s.termination.violation(BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                "BOSH session creation answered with a recoverable error", null));
            return false;
        }
        if (mustFit && !s.inbound.fits(body.elements().count())) {
            s.termination.fail(new TransportOverflowException(TransportOverflowException.Direction.INBOUND,
                s.settings.inboundCapacity()));
            return false;
        }
        for (XmlNode child : body.children()) {
            if (!(child instanceof XmlElement)) {
                continue;
            }
            XmlElement element = (XmlElement) child;
            if (element.is(StreamError.STREAMS_NAMESPACE, "error")) {
                s.termination.fail(new StreamErrorException(StreamError.from(element)));
                return false;
            }
            if (!s.inbound.emit(element)) {
                s.termination.fail(new TransportException("inbound element could not be delivered: the inbound side "
                    + "has already ended", false));
                return false;
            }
        }
        if (terminate) {
            s.log.debug("BOSH session terminated by the connection manager without a condition");
            s.termination.closeCleanly();
            return false;
        }
        return true;
    }
}
