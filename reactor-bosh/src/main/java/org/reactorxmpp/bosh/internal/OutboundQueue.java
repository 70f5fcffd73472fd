package org.reactorxmpp.bosh.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportClosedException;
import org.reactorxmpp.xmpp.transport.TransportOverflowException;

/**
 * What the application asked to send and no request carries yet, in order: elements (at most
 * {@code outboundCapacity}), restarts, a pause and the terminate. Confined to the task loop.
 */
final class OutboundQueue {

    private final SessionCore s;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private int queuedElements;

    OutboundQueue(SessionCore s) {
        this.s = s;
    }

    /**
     * Queues an element or a restart from any thread; a cancelled caller withdraws it while it is not written.
     * Errors the caller when the session is closed or the queue is full.
     */
    void enqueue(Outgoing item) {
        item.sink.onCancel(() -> {
            item.cancelRequested = true;
            s.submit(() -> {
            if (!item.written && !item.cancelled) {
                item.cancelled = true;
                if (item.kind == Outgoing.Kind.ELEMENT) {
                    queuedElements--;
                }
            }
        });
        });
        s.submit(() -> {
            if (item.cancelled || item.cancelRequested) {
                return;
            }
            if (s.state == SessionCore.State.CLOSED || s.state == SessionCore.State.CLOSING || s.terminateQueued) {
                item.sink.error(new TransportClosedException("BOSH session is closed", s.terminalCause));
                return;
            }
            if (item.cancelled) {
                return;
            }
            if (item.kind == Outgoing.Kind.ELEMENT) {
                if (queuedElements >= s.settings.outboundCapacity()) {
                    item.sink.error(new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND,
                        s.settings.outboundCapacity()));
                    return;
                }
                queuedElements++;
            }
            if (item.kind != Outgoing.Kind.PAUSE) {
                s.paused = false; // any traffic ends a pause (XEP-0124 section 10)
            }
            queue.add(item);
        });
    }

    /** Queues a pause or the terminate, on the loop, after the checks of its caller. */
    void add(Outgoing item) {
        queue.add(item);
    }

    /** @return the first item not withdrawn, or {@code null} */
    @Nullable Outgoing peekLive() {
        Outgoing head;
        while ((head = queue.peek()) != null && head.cancelled) {
            queue.poll();
        }
        return head;
    }

    /** Takes the head (a restart, a pause or the terminate) into a request. */
    void take(Outgoing head) {
        queue.poll();
        head.written = true;
    }

    /**
     * Takes the elements at the head into one request: at most {@code maxElements}, and as many as fit in
     * {@code maxBodySize} bytes of payload (one larger element still goes alone). The rest stay at the head, in
     * order, for the next request.
     *
     * @param head the live head, an element
     * @param maxBodySize most payload bytes
     * @param maxElements most elements (at least one)
     * @return the elements taken, in order
     */
    List<Outgoing> takeElements(Outgoing head, int maxBodySize, int maxElements) {
        List<Outgoing> carried = new ArrayList<>(Math.min(maxElements, Math.max(queuedElements, 1)));
        long size = 0;
        Outgoing next = head;
        while (next != null && next.kind == Outgoing.Kind.ELEMENT && carried.size() < maxElements) {
            byte[] bytes = next.bytes;
            assert bytes != null;
            if (!carried.isEmpty() && size + bytes.length > maxBodySize) {
                break;
            }
            queue.poll();
            next.written = true;
            queuedElements--;
            carried.add(next);
            size += bytes.length;
            next = peekLive();
        }
        return carried;
    }

    /**
     * Answers every queued item at the end of the session: a terminate succeeds on a clean close, anything else
     * fails with a {@link TransportClosedException}.
     */
    void drainOnClose(boolean clean, Throwable cause) {
        s.handover.failPendingDetach(cause);
        for (Iterator<Outgoing> it = queue.iterator(); it.hasNext();) {
            Outgoing o = it.next();
            it.remove();
            if (o.cancelled || o.cancelRequested) {
                continue;
            }
            if (clean && o.kind == Outgoing.Kind.TERMINATE) {
                o.sink.success();
            } else {
                o.sink.error(clean ? new TransportClosedException("BOSH session closed before the element was sent", null)
                    : new TransportClosedException("BOSH session failed before the element was sent", cause));
            }
        }
        queuedElements = 0;
    }
}
