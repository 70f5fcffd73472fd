package org.reactorxmpp.xmpp.session.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.internal.ForwardingConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A session's transport connection under stream management: every element goes through one serial queue, so
 * the order in which stanzas are counted is the order the transport writes them, whichever thread sends. A
 * counted stanza is the {@link SmSession}'s from then on: cancelling its send no longer takes it back (the
 * server's {@code h} counts it), and when the connection fails before writing it, its caller waits for the
 * resend on the next connection instead of failing.
 */
final class SmLink extends ForwardingConnection {

    private final SmSession sm;
    private final Queue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    SmLink(TransportConnection delegate, SmSession sm) {
        super(delegate);
        this.sm = sm;
    }

    /** What to do with a queued element. */
    private enum Kind { SEND, CONTROL, REWRITE, RETRACK, CLOSE }

    private static final class Item {
        final Kind kind;
        final XmlElement element;
        final @Nullable MonoSink<Void> sink;
        final @Nullable SmEntry entry;
        final Disposable.Swap running = Disposables.swap();
        volatile boolean cancelled;

        Item(Kind kind, XmlElement element, @Nullable MonoSink<Void> sink, @Nullable SmEntry entry) {
            this.kind = kind;
            this.element = element;
            this.sink = sink;
            this.entry = entry;
        }
    }

    @Override
    public Mono<Void> send(XmlElement element) {
        return Mono.create(sink -> {
            Item item = new Item(Kind.SEND, element, sink, null);
            sink.onCancel(() -> {
                item.cancelled = true;
                item.running.dispose();
            });
            items.add(item);
            drain();
        });
    }

    /** Writes a stream-management element ({@code <r/>}, {@code <a/>}, {@code <enable/>}) in order. */
    void control(XmlElement element) {
        items.add(new Item(Kind.CONTROL, element, null, null));
        drain();
    }

    /**
     * Writes {@code <a h/>} ahead of what the transport has queued and not written yet
     * ({@link TransportConnection#sendFirst}): an answer must not wait behind a flood of our own stanzas.
     */
    void answer(XmlElement a) {
        delegate.sendFirst(a).subscribe(null, error -> sm.controlFailed(a, error));
    }

        /** After a resume: writes an unacknowledged stanza again, keeping its sequence number. */
    void rewrite(SmEntry entry) {
        items.add(new Item(Kind.REWRITE, entry.element, null, entry));
        drain();
    }

    /** After a new session: sends an unacknowledged stanza of the old one again, counted anew. */
    void retrack(SmEntry entry) {
        items.add(new Item(Kind.RETRACK, entry.element, null, entry));
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            Item item;
            while ((item = items.poll()) != null) {
                if (item.cancelled) {
                    continue;
                }
                dispatch(item);
            }
        } while (wip.decrementAndGet() != 0);
    }

    private void dispatch(Item item) {
        switch (item.kind) {
            case CONTROL:
                delegate.send(item.element).subscribe(null, error -> sm.controlFailed(item.element, error));
                return;
            case CLOSE:
                countFinal(nullable(item.element));
                item.running.update(delegate.close(nullable(item.element))
                    .subscribe(null, error -> sink(item).error(error), () -> sink(item).success()));
                return;
            case REWRITE:
                write(java.util.Objects.requireNonNull(item.entry));
                return;
            case RETRACK:
                stanza(java.util.Objects.requireNonNull(item.entry), true, null);
                return;
            default:
                if (!SmElements.isStanza(item.element)) {
                    item.running.update(delegate.send(item.element)
                        .subscribe(null, error -> sink(item).error(error), () -> sink(item).success()));
                    return;
                }
                stanza(new SmEntry(item.element, item.sink), false, item);
        }
    }

    private void stanza(SmEntry entry, boolean resend, @Nullable Item item) {
        switch (sm.track(this, entry, resend)) {
            case TRACKED:
                write(entry);
                return;
            case FULL:
                entry.fail(sm.queueFull());
                return;
            default:
                Disposable d = delegate.send(entry.element).subscribe(null, error -> {
                    entry.fail(error);
                }, () -> {
                    entry.written();
                    sm.untracked(entry, resend);
                });
                if (item != null) {
                    item.running.update(d);
                }
        }
    }

    /**
     * The stanza a close writes last (unavailable presence) is a stanza like any other to the server, which
     * counts it in its {@code h} (Prosody and ejabberd send a last {@code <a/>} when the stream closes): it is
     * counted here too, in the order it is written, past a full queue since the close does not wait.
     */
    private void countFinal(@Nullable XmlElement payload) {
        if (payload != null && SmElements.isStanza(payload)) {
            sm.track(this, new SmEntry(payload, null), true);
        }
    }

    private void write(SmEntry entry) {
        // not cancellable: once counted, the stanza is the server's to count
        delegate.send(entry.element).subscribe(null, error -> sm.writeFailed(this, entry, error), entry::written);
    }

    private static MonoSink<Void> sink(Item item) {
        MonoSink<Void> s = item.sink;
        if (s == null) {
            throw new IllegalStateException("no caller for " + item.kind);
        }
        return s;
    }

    private static @Nullable XmlElement nullable(XmlElement element) {
        return element == NO_PAYLOAD ? null : element;
    }

    private static final XmlElement NO_PAYLOAD = XmlElement.empty("urn:reactorxmpp:internal", "none");

    @Override
    public Flux<XmlElement> inbound() {
        return delegate.inbound();
    }

    @Override
    public Mono<Void> restart() {
        return delegate.restart();
    }

    @Override
    public Mono<Void> close(@Nullable XmlElement finalPayload) {
        return Mono.create(sink -> {
            Item item = new Item(Kind.CLOSE, finalPayload == null ? NO_PAYLOAD : finalPayload, sink, null);
            sink.onCancel(() -> {
                item.cancelled = true;
                item.running.dispose();
            });
            items.add(item);
            drain();
        });
    }

    @Override
    public String toString() {
        return "SmLink{" + delegate + "}";
    }
}
