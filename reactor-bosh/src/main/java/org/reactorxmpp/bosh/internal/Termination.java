package org.reactorxmpp.bosh.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * How one session ends: {@code close()} (a terminate, with a grace for a connection manager that never answers
 * it), a clean end, a failure, and a protocol violation of the connection manager (which is told the session is
 * over). Confined to the task loop, except {@link #onClose()}.
 */
final class Termination {

    /**
     * How long {@code close()} waits for the connection manager to answer the terminate: the session is over for
     * the client either way (the connection manager ends it after {@code inactivity} at the latest), so a
     * connection manager that never answers (seen with ejabberd 23.01 for 2 of 1,000 simultaneous closes) must
     * not keep {@code close()} from completing.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final SessionCore s;
    private final Sinks.Empty<Void> closed = Sinks.empty();

    Termination(SessionCore s) {
        this.s = s;
    }

    Mono<Void> onClose() {
        return closed.asMono();
    }

    /** On the loop: queues the terminate (once) and answers {@code sink} when the session is over. */
    void close(byte @Nullable [] finalPayload, MonoSink<Void> sink) {
        if (s.state == SessionCore.State.CLOSED) {
            if (s.terminalCause == null) {
                sink.success();
            } else {
                sink.error(new TransportClosedException("BOSH session already failed", s.terminalCause));
            }
            return;
        }
        if (s.terminateQueued) {
            closed.asMono().subscribe(null, sink::error, sink::success);
            return;
        }
        s.terminateQueued = true;
        s.paused = false;
        s.queue.add(new Outgoing(Outgoing.Kind.TERMINATE, finalPayload, sink));
        s.timers.after(CLOSE_GRACE, () -> {
            if (s.state != SessionCore.State.CLOSED) {
                s.log.debug("no answer to the terminate within {}: the session ends here", CLOSE_GRACE);
                closeCleanly();
            }
        });
    }

    static boolean isTerminate(XmlElement body) {
        return "terminate".equals(BoshBodies.type(body));
    }

    BoshException terminateException(XmlElement body) {
        String condition = body.attribute("condition");
        if (condition == null) {
            condition = "undefined-condition";
        }
        URI uri = null;
        String uriText = body.childText(XmlName.of(BoshBodies.HTTPBIND_NS, "uri"));
        if (uriText != null) {
            try {
                uri = new URI(uriText.trim());
            } catch (URISyntaxException e) {
                s.log.debug("see-other-uri with an invalid URI: {}", uriText);
            }
        }
        XmlElement streamError = body.element(StreamError.STREAMS_NAMESPACE, "error");
        return BoshException.terminated(condition, uri, streamError, s.settings.seeOtherUriSameSite());
    }

    /**
     * The connection manager broke the protocol: the session fails with {@code error}, and the connection
     * manager is told the session is over (a terminate request, best effort, whose answer nobody waits for), so
     * that it does not keep the session and its resources until the inactivity timeout.
     */
    void violation(Throwable error) {
        SessionParameters p = s.params;
        if (p != null && s.state != SessionCore.State.CLOSED) {
            long rid = s.takeRid();
            byte[] terminate = s.bodies.violationTerminate(p, rid);
            WireLog.sent(s.log.id(), rid, 0, terminate);
            s.http.post(-1, terminate, false, s.settings.timeoutMargin(), () -> { })
                .subscribe(null, e -> s.log.debug("terminate after a protocol violation not delivered: {}", e.toString()));
        }
        fail(error);
    }

    void closeCleanly() {
        if (s.state == SessionCore.State.CLOSED) {
            return;
        }
        s.log.debug("BOSH session closed");
        MonoSink<TransportConnection> sink = s.connectSink;
        s.connectSink = null;
        if (sink != null) {
            sink.error(new TransportClosedException("BOSH session closed by the connection manager while it was created",
                null));
        }
        shutdown(new TransportClosedException("BOSH session closed before the element was answered", null), true);
        s.inbound.complete();
        closed.tryEmitEmpty();
    }

    void fail(Throwable cause) {
        if (s.state == SessionCore.State.CLOSED) {
            return;
        }
        s.log.debug("BOSH session failed: {}", cause.toString());
        s.terminalCause = cause;
        MonoSink<TransportConnection> sink = s.connectSink;
        s.connectSink = null;
        shutdown(cause, false);
        if (sink != null) {
            sink.error(cause);
        }
        s.inbound.error(cause);
        closed.tryEmitError(cause);
    }

    /** Stops all activity and fails every pending operation with {@code cause}. */
    private void shutdown(Throwable cause, boolean clean) {
        s.state = SessionCore.State.CLOSED;
        s.stats.sessionEnded(s.requests.all());
        s.requests.stop();
        s.http.release();
        for (Exchange ex : s.requests.all()) {
            Disposable d = ex.inFlight;
            if (d != null) {
                d.dispose();
            }
            for (Outgoing o : ex.carried) {
                if (!o.completed) {
                    o.completed = true;
                    if (clean && ex.kind == Outgoing.Kind.TERMINATE) {
                        o.sink.success();
                    } else if (!o.cancelRequested) { // a cancelled caller gets no error: it would reach no one
                        o.sink.error(cause);
                    }
                }
            }
        }
        s.requests.clear();
        s.responses.clear();
        s.queue.drainOnClose(clean, cause);
        s.timers.disposeAll();
    }
}
