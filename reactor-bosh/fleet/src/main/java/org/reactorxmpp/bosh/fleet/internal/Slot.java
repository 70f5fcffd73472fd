package org.reactorxmpp.bosh.fleet.internal;

import org.jspecify.annotations.Nullable;

import reactor.core.Disposable;

/** One account's session on this member; read and written on the fleet's control thread only. */
final class Slot<S> {

    enum Phase {
        /** Reading the map entry, then logging in or attaching. */
        STARTING,
        /** The session runs here with its handler and checkpoints. */
        RUNNING,
        /** Being detached (handoff) or closed (the last member stops). */
        LEAVING,
        /** The session ended on its own; its map entry is being marked. */
        ENDING
    }

    Phase phase = Phase.STARTING;
    @Nullable S session;
    @Nullable Disposable handler;
    @Nullable Checkpointer checkpointer;
    /** Watches the session's end while it runs here; disposed when it leaves. */
    @Nullable Disposable watch;

    void run(S session, Disposable handler, Checkpointer checkpointer) {
        this.phase = Phase.RUNNING;
        this.session = session;
        this.handler = handler;
        this.checkpointer = checkpointer;
    }

    void stopWatching() {
        Disposable w = watch;
        if (w != null) {
            w.dispose();
        }
    }

    void disposeHandler() {
        Disposable h = handler;
        if (h != null) {
            h.dispose();
        }
    }
}
