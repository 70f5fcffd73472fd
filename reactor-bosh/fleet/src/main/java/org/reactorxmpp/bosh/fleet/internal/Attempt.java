package org.reactorxmpp.bosh.fleet.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.fleet.FleetEvent;

/**
 * How a start of one account's session ended: a session and how it was obtained, or "wait" (a live member still
 * holds it and has not handed it off yet).
 */
record Attempt<S>(FleetEvent.@Nullable Kind kind, @Nullable S session, @Nullable String cause) {

    static <S> Attempt<S> waiting() {
        return new Attempt<>(null, null, null);
    }

    static <S> Attempt<S> of(S session, FleetEvent.Kind kind, @Nullable String cause) {
        return new Attempt<>(kind, session, cause);
    }

    boolean isWaiting() {
        return session == null;
    }
}
