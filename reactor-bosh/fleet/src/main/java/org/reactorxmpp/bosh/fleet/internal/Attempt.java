package org.reactorxmpp.bosh.fleet.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.fleet.FleetEvent;

import reactor.core.Disposable;

/**
 * How a start of one account's session ended: a session, how it was obtained, and its checkpoints and handler
 * (started as the session was handed out, before anything it received was delivered); or "wait" (a live member
 * still holds it and has not handed it off yet).
 */
record Attempt<S>(FleetEvent.@Nullable Kind kind, @Nullable S session, @Nullable String cause,
                  @Nullable Checkpointer checkpointer, @Nullable Disposable handler) {

    static <S> Attempt<S> waiting() {
        return new Attempt<>(null, null, null, null, null);
    }

    static <S> Attempt<S> of(S session, FleetEvent.Kind kind, @Nullable String cause, Checkpointer checkpointer,
                             Disposable handler) {
        return new Attempt<>(kind, session, cause, checkpointer, handler);
    }

    boolean isWaiting() {
        return session == null;
    }
}
