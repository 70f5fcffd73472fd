package org.reactorxmpp.bosh.internal;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Write-ahead checkpoints (opt-in, {@code TransportConnection.writeAheadCheckpoints}): while a store is registered,
 * a request with a new rid goes on the wire only once a snapshot that carries it was stored. One store runs at a
 * time; the state made meanwhile is not snapshotted until it completes, then the newest is stored (latest wins).
 * Snapshots are made for new rids only (see {@link #afterPump}).
 * Requests created before the first store completed wait for it too, so that every request written while
 * registered is in a stored snapshot. Confined to the task loop.
 */
final class WriteAhead {

    /** One registered store. */
    private static final class Registration {
        final Function<byte[], ? extends Publisher<Void>> store;
        final MonoSink<Void> sink;
        /** Requests with a rid below this were in a stored snapshot. */
        long storedBelow;
        long madeRid = -1;
        boolean inFlight;
        @Nullable Disposable write;

        Registration(Function<byte[], ? extends Publisher<Void>> store, MonoSink<Void> sink, long storedBelow) {
            this.store = store;
            this.sink = sink;
            this.storedBelow = storedBelow;
        }
    }

    private final SessionCore s;
    private @Nullable Registration current;

    WriteAhead(SessionCore s) {
        this.s = s;
    }

    void register(Function<byte[], ? extends Publisher<Void>> store, MonoSink<Void> sink) {
        if (s.state == SessionCore.State.CLOSED) {
            sink.success();
            return;
        }
        if (current != null) {
            sink.error(new IllegalStateException("write-ahead checkpoints of this BOSH session are already stored"));
            return;
        }
        // every request not yet answered may still be unwritten: none goes out before the first store
        Registration r = new Registration(store, sink, s.nextDeliverRid);
        current = r;
        sink.onCancel(() -> s.submit(() -> {
            if (current == r) {
                current = null;
                dispose(r);
                s.log.debug("write-ahead checkpoints stopped");
            }
        }));
    }

    /**
     * @return whether {@code ex} must wait for a stored snapshot before it is written (not once the session is
     *     closing: its terminate ends it, there is nothing left to take over)
     */
    boolean holdsBack(Exchange ex) {
        Registration r = current;
        return r != null && s.state == SessionCore.State.OPEN && !ex.written && ex.rid >= r.storedBelow;
    }

    /**
     * After the pump, before writing: stores a snapshot of the current state when it changed and no store runs.
     *
     * @param snapshot makes the snapshot ({@code null} when none can be made now)
     */
    void afterPump(Supplier<byte @Nullable []> snapshot) {
        Registration r = current;
        if (r == null) {
            return;
        }
        if (s.state == SessionCore.State.CLOSED) {
            current = null;
            dispose(r);
            r.sink.success();
            return;
        }
        // a snapshot only for new rids: a delivery alone is recorded with the next request (the keep-alive that
        // follows each answer, or the application's reply to it), so a stored snapshot rarely says "delivered"
        // before the application could answer what was delivered
        if (r.inFlight || s.state != SessionCore.State.OPEN || s.nextRid == r.madeRid) {
            return;
        }
        byte[] bytes = snapshot.get();
        if (bytes == null) {
            return;
        }
        long covers = s.nextRid;
        r.madeRid = covers;
        r.inFlight = true;
        Publisher<Void> publisher;
        try {
            publisher = r.store.apply(bytes);
        } catch (RuntimeException e) {
            failed(r, e);
            return;
        }
        r.write = Mono.from(publisher).subscribe(null,
            e -> s.submit(() -> failed(r, e)),
            () -> s.submit(() -> stored(r, covers)));
    }

    private void stored(Registration r, long covers) {
        r.inFlight = false;
        r.write = null;
        if (current == r && covers > r.storedBelow) {
            r.storedBelow = covers;
        }
    }

    private void failed(Registration r, Throwable e) {
        r.inFlight = false;
        r.write = null;
        if (current == r) {
            current = null;
            s.log.debug("write-ahead checkpoint not stored, write-ahead stopped: {}", e.toString());
            r.sink.error(e);
        }
    }

    private static void dispose(Registration r) {
        Disposable w = r.write;
        r.write = null;
        if (w != null) {
            w.dispose();
        }
    }
}
