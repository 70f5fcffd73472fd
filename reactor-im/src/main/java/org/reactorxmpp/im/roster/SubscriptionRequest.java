package org.reactorxmpp.im.roster;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Mono;

/**
 * An incoming presence subscription request that no policy answered; the application approves or
 * denies it.
 *
 * <pre>{@code
 * roster.requests().flatMap(request -> request.from().domainpart().equals("example.com")
 *     ? request.approve() : request.deny()).subscribe();
 * }</pre>
 */
public final class SubscriptionRequest {

    private final BareJid from;
    private final Presence presence;
    private final Roster roster;

    /**
     * @param from the requester
     * @param presence the {@code subscribe} presence
     * @param roster the roster that answers it
     */
    public SubscriptionRequest(BareJid from, Presence presence, Roster roster) {
        this.from = Objects.requireNonNull(from, "from");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    /** @return the requester's bare JID */
    public BareJid from() {
        return from;
    }

    /** @return the status text sent with the request */
    public Optional<String> status() {
        return Optional.ofNullable(presence.status());
    }

    /** @return the request stanza */
    public Presence presence() {
        return presence;
    }

    /** @return approves: {@link Roster#approve(BareJid)} (with the auto-subscription policy) */
    public Mono<Void> approve() {
        return roster.approve(from);
    }

    /** @return denies: {@link Roster#deny(BareJid)} */
    public Mono<Void> deny() {
        return roster.deny(from);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SubscriptionRequest && presence.equals(((SubscriptionRequest) o).presence);
    }

    @Override
    public int hashCode() {
        return presence.hashCode();
    }

    @Override
    public String toString() {
        return "SubscriptionRequest{from " + from + "}";
    }
}
