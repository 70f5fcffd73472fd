package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.MonoSink;

/**
 * One stanza sent under stream management, until the server acknowledges it: the caller waiting for it to be
 * written, and the caller waiting for its acknowledgement ({@code sendAcked}), each told once.
 */
final class SmEntry {

    final XmlElement element;
    private long seq;
    private @Nullable MonoSink<Void> written;
    private @Nullable MonoSink<Void> acked;

    SmEntry(XmlElement element, @Nullable MonoSink<Void> written) {
        this.element = element;
        this.written = written;
    }

    synchronized long seq() {
        return seq;
    }

    synchronized void seq(long seq) {
        this.seq = seq;
    }

    synchronized void ackWaiter(MonoSink<Void> sink) {
        this.acked = sink;
    }

    /** The transport wrote it. */
    void written() {
        MonoSink<Void> w;
        synchronized (this) {
            w = written;
            written = null;
        }
        if (w != null) {
            w.success();
        }
    }

    /** The server acknowledged it: written, and acknowledged. */
    void acknowledged() {
        written();
        MonoSink<Void> a;
        synchronized (this) {
            a = acked;
            acked = null;
        }
        if (a != null) {
            a.success();
        }
    }

    /** It will never be acknowledged (sent where stream management is off): the acknowledgement waiter fails. */
    void unacknowledgeable(Throwable error) {
        MonoSink<Void> a;
        synchronized (this) {
            a = acked;
            acked = null;
        }
        if (a != null) {
            a.error(error);
        }
    }

    /** Both waiters fail (the write failed for good, or the session ended). */
    void fail(Throwable error) {
        MonoSink<Void> w;
        synchronized (this) {
            w = written;
            written = null;
        }
        if (w != null) {
            w.error(error);
        }
        unacknowledgeable(error);
    }

    @Override
    public String toString() {
        return "SmEntry{" + seq() + ": " + element.localName() + "}";
    }
}
