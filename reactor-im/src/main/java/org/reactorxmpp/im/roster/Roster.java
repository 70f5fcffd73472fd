package org.reactorxmpp.im.roster;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.roster.internal.DefaultRoster;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The roster of one session (RFC 6121): items, roster pushes, versioning, and presence
 * subscriptions with the CAXL policies. One per session: it answers the session's roster pushes.
 *
 * <p>Roster pushes are applied and acknowledged with an IQ result; a push from anyone but the own
 * server or account is refused with {@code service-unavailable} and not applied (RFC 6121 2.1.6).
 * {@link #snapshot()} is always a consistent immutable view; {@link #changes()} reports each change
 * once, in order. Operations are lazy and fail with a {@link RosterException}.
 *
 * <pre>{@code
 * Roster roster = Roster.of(session, RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER).build());
 * roster.changes().subscribe(c -> System.out.println(c));
 * roster.requests().flatMap(SubscriptionRequest::approve).subscribe();
 * roster.load()
 *     .then(roster.add(BareJid.parse("bob@example.com"), "Bob", List.of("Friends")))
 *     .then(roster.subscribe(BareJid.parse("bob@example.com")))
 *     .subscribe();
 * }</pre>
 */
public interface Roster {

    /**
     * @param session the session
     * @return the roster service of that session, with default options
     * @throws IllegalStateException when the session already has a roster service
     */
    static Roster of(XmppSession session) {
        return of(session, RosterOptions.defaults());
    }

    /**
     * @param session the session
     * @param options the options
     * @return the roster service of that session
     * @throws IllegalStateException when the session already has a roster service
     */
    static Roster of(XmppSession session, RosterOptions options) {
        return DefaultRoster.create(session, options);
    }

    /**
     * Fetches the roster (with the stored version when versioning is on). Items restored from the
     * {@link RosterStore} are not reported as changes; what the server answers is compared with them
     * and only the differences are reported on {@link #changes()}. Reloaded by itself after a reconnect.
     *
     * @return the roster once fetched
     */
    Mono<RosterSnapshot> load();

    /** @return the current roster */
    RosterSnapshot snapshot();

    /** @return every change from now on (hot; each subscriber buffers up to 1024 changes, then errors) */
    Flux<RosterChange> changes();

    /**
     * Adds an item, or replaces the name and groups of an existing one.
     *
     * @param jid the contact
     * @param name the handle, or {@code null}
     * @param groups the groups (none: the default group, if configured)
     * @return completion when the server accepted it
     */
    Mono<Void> add(BareJid jid, @Nullable String name, Collection<String> groups);

    /**
     * @param item the item with its new name and groups
     * @return completion when the server accepted it
     */
    Mono<Void> update(RosterItem item);

    /**
     * Removes the item; the server cancels the subscriptions both ways.
     *
     * @param jid the contact
     * @return completion when the server accepted it
     */
    Mono<Void> remove(BareJid jid);

    /**
     * Moves an item to other groups: the groups replace all current ones.
     *
     * @param jid a contact in the roster
     * @param groups the new groups
     * @return completion when the server accepted it; {@code item-not-found} when not in the roster
     */
    Mono<Void> move(BareJid jid, Collection<String> groups);

    /**
     * @param jid a contact in the roster
     * @param name the new handle, or {@code null} to remove it
     * @return completion when the server accepted it; {@code item-not-found} when not in the roster
     */
    Mono<Void> rename(BareJid jid, @Nullable String name);

    /** @param jid the contact @return sends a subscription request */
    Mono<Void> subscribe(BareJid jid);

    /** @param jid the contact @return cancels our subscription to the contact, keeps theirs to us */
    Mono<Void> unsubscribe(BareJid jid);

    /** @param jid the requester @return approves a subscription request (and subscribes back with {@code autoSubscribe}) */
    Mono<Void> approve(BareJid jid);

    /** @param jid the requester or subscriber @return denies a request, or cancels their subscription to us */
    Mono<Void> deny(BareJid jid);

    /**
     * Approves a subscription before it is requested (RFC 6121 3.4).
     *
     * @param jid the contact
     * @return completion once sent; a {@link RosterException} when the server does not support it
     */
    Mono<Void> preApprove(BareJid jid);

    /** @return incoming subscription requests that no policy answered (hot) */
    Flux<SubscriptionRequest> requests();

    /** @return the options */
    RosterOptions options();
}
