package org.reactorxmpp.bosh.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * Something that happened to one account's session on one member of a {@link Fleet}. Immutable.
 *
 * <pre>{@code
 * fleet.events()
 *     .filter(e -> e.kind() == FleetEvent.Kind.RELOGGED_IN)
 *     .subscribe(e -> log.warn("{} logged in again on {}: {}", e.account(), e.member(), e.cause()));
 * }</pre>
 *
 * @param kind what happened
 * @param account the account
 * @param member the member it happened on ({@link Fleet#memberName()})
 * @param at when it ended
 * @param took how long it took (the handoff, attach or login), zero when not measured
 * @param cause why (the error of a failed attach before a re-login, of a failed login), or {@code null}
 */
public record FleetEvent(Kind kind, BareJid account, String member, Instant at, Duration took,
                         @Nullable String cause) {

    /** What happened. */
    public enum Kind {
        /** The account had no session in the fleet: this member logged it in (SASL, bind). */
        LOGGED_IN,
        /** This member detached the session and stored its state for the partition's new owner (graceful). */
        HANDED_OFF,
        /** This member attached a session another member handed off: no SASL, no bind. */
        ATTACHED,
        /** The session's member disappeared: this member attached it from its last checkpoint. */
        TAKEN_OVER,
        /** The session could not be resumed (the cause says why): this member logged it in again. */
        RELOGGED_IN,
        /** Logging in failed; the fleet tries again on its next pass. */
        FAILED,
        /** The session ended on its own (server or network): the fleet logs it in again on its next pass. */
        ENDED
    }

    public FleetEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
    }

    @Override
    public String toString() {
        return kind + " " + account + " on " + member + " in " + took.toMillis() + " ms"
            + (cause == null ? "" : " (" + cause + ")");
    }
}
