package org.reactorxmpp.bosh.internal;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.MonoSink;

/** An item waiting to be sent: an element, a restart, a pause or the terminate. Confined to the task loop. */
final class Outgoing {

    /** What a queued item or a request is. */
    enum Kind { ELEMENT, RESTART, TERMINATE, PAUSE }

    final Kind kind;
    /** The element's bytes, the terminate's final payload, or the pause's seconds in ASCII. */
    final byte @Nullable [] bytes;
    final MonoSink<Void> sink;
    boolean cancelled;
    /**
     * Set on the caller's thread the moment it cancels (the task loop learns it later, through a task that may
     * queue behind others): a cancelled caller is never sent an error, which would reach no subscriber.
     */
    volatile boolean cancelRequested;
    boolean written;
    boolean completed;

    Outgoing(Kind kind, byte @Nullable [] bytes, MonoSink<Void> sink) {
        this.kind = kind;
        this.bytes = bytes;
        this.sink = sink;
    }

    /** Completes the caller's {@code Mono} successfully, once. */
    void succeed() {
        if (!completed) {
            completed = true;
            sink.success();
        }
    }
}
