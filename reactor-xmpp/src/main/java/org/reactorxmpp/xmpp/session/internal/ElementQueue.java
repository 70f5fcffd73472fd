package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The single subscriber of a connection's inbound elements. During negotiation it buffers elements
 * and hands them out one by one through {@link #next(Predicate)}; once the session is ready,
 * {@link #activate(Sink)} delivers every buffered and later element, in order and never
 * concurrently, to the session.
 */
final class ElementQueue {

    /** Receives the elements once the session is active. */
    interface Sink {
        void element(XmlElement element);

        void terminated(@Nullable Throwable cause);
    }

    private static final int NEGOTIATION_CAPACITY = 256;

    private final ArrayDeque<XmlElement> buffer = new ArrayDeque<>();
    private @Nullable Predicate<XmlElement> waitingFor;
    private @Nullable MonoSink<XmlElement> waiter;
    private @Nullable Sink sink;
    private boolean draining;
    /** Negotiation is over: elements wait for {@link #activate} without the negotiation limit. */
    private boolean negotiated;
    private boolean terminated;
    private @Nullable Throwable cause;

    void onNext(XmlElement element) {
        MonoSink<XmlElement> w = null;
        Sink s = null;
        synchronized (this) {
            if (terminated) {
                return;
            }
            if (sink != null && !draining) {
                s = sink;
            } else if (waiter != null && waitingFor != null && waitingFor.test(element)) {
                w = waiter;
                waiter = null;
                waitingFor = null;
            } else if (buffer.size() >= NEGOTIATION_CAPACITY && sink == null && !negotiated) {
                terminated = true;
                cause = new TransportOverflowException(TransportOverflowException.Direction.INBOUND, NEGOTIATION_CAPACITY);
                w = waiter;
                waiter = null;
            } else {
                buffer.add(element);
            }
        }
        if (s != null) {
            s.element(element);
        } else if (w != null) {
            if (terminated) {
                w.error(causeOrClosed());
            } else {
                w.success(element);
            }
        }
    }

    void onError(Throwable error) {
        terminate(error);
    }

    void onComplete() {
        terminate(null);
    }

    private void terminate(@Nullable Throwable error) {
        MonoSink<XmlElement> w;
        Sink s = null;
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
            cause = error;
            w = waiter;
            waiter = null;
            waitingFor = null;
            if (sink != null && !draining) {
                s = sink;
            }
        }
        if (w != null) {
            w.error(causeOrClosed());
        }
        if (s != null) {
            s.terminated(error);
        }
    }

    private synchronized Throwable causeOrClosed() {
        return cause != null ? cause
            : new TransportClosedException("the connection closed during stream negotiation", null);
    }

    /**
     * The next element matching a predicate; earlier elements that do not match stay buffered for
     * the session. One waiter at a time.
     */
    Mono<XmlElement> next(Predicate<XmlElement> predicate) {
        return Mono.create(s -> {
            XmlElement found = null;
            boolean failed = false;
            synchronized (this) {
                for (Iterator<XmlElement> it = buffer.iterator(); it.hasNext(); ) {
                    XmlElement e = it.next();
                    if (predicate.test(e)) {
                        it.remove();
                        found = e;
                        break;
                    }
                }
                if (found == null) {
                    if (terminated) {
                        failed = true;
                    } else if (waiter != null) {
                        throw new IllegalStateException("negotiation is already waiting for an element");
                    } else {
                        waiter = s;
                        waitingFor = predicate;
                    }
                }
            }
            if (found != null) {
                s.success(found);
            } else if (failed) {
                s.error(causeOrClosed());
            } else {
                s.onCancel(() -> {
                    synchronized (this) {
                        if (waiter == s) {
                            waiter = null;
                            waitingFor = null;
                        }
                    }
                });
            }
        });
    }

    /**
     * Negotiation is over and the session is being handed to its subscriber: until {@link #activate}, elements
     * are kept whatever their number (the server may answer the initial presence with a burst, say offline
     * messages, within that short window; the negotiation limit is for a server flooding a login).
     */
    synchronized void negotiated() {
        negotiated = true;
    }

    /** Switches to session mode: delivers the buffered elements, then every new one, to the sink. */
    void activate(Sink target) {
        synchronized (this) {
            if (sink != null) {
                throw new IllegalStateException("already active");
            }
            sink = target;
            draining = true;
            waiter = null;
            waitingFor = null;
        }
        for (;;) {
            XmlElement e;
            boolean deliverTermination = false;
            Throwable error = null;
            synchronized (this) {
                e = buffer.poll();
                if (e == null) {
                    draining = false;
                    deliverTermination = terminated;
                    error = cause;
                }
            }
            if (e == null) {
                if (deliverTermination) {
                    target.terminated(error);
                }
                return;
            }
            target.element(e);
        }
    }
}
