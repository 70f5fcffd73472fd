package org.reactorxmpp.im.roster;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.roster.internal.RosterFeature;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The roster of one session (RFC 6121): items, roster pushes, versioning, and presence
 * subscriptions with the CAXL policies. One per session, a feature of it ({@link #KEY}):
 * {@code Roster.of(session)} and {@code session.feature(Roster.KEY)} return the same instance, which
 * answers the session's roster pushes until the session ends.
 *
 * <p>Roster pushes are applied and acknowledged with an IQ result; a push from anyone but the own
 * server or account is refused with {@code service-unavailable} and not applied (RFC 6121 2.1.6).
 * {@link #snapshot()} is always a consistent immutable view; {@link #changes()} reports each change
 * once, in order. Operations are lazy and fail with a {@link RosterException}.
 *
 * <p>Roster versioning and pre-approval follow the session's stream features unless
 * {@link RosterOptions} overrides them ({@link #versioning()}, {@link #preApproval()}).
 *
 * <p><b>Connected once the roster arrived</b> (the CAXL pattern of a client that reports itself
 * connected only after its roster was received): chain the first {@link #load()} into the connect,
 * so that whoever waits for the session also has the roster:
 *
 * <pre>{@code
 * Mono<XmppSession> ready = client.connect().flatMap(s -> Roster.of(s).load().thenReturn(s));
 * }</pre>
 *
 * <p>The session is emitted only after the roster result was applied ({@link #snapshot()} is then
 * complete); a failed roster fetch fails {@code ready} (close the session in
 * {@code onErrorResume} if you want to give up, or ignore the error to connect without roster).
 * {@code Roster.of(session)} returns that same roster later. To have the roster installed on every
 * session before its initial presence, declare it on the client:
 * {@code XmppClient.builder()...feature(Roster.feature(options))}.
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

    /** The roster feature with default options. */
    FeatureKey<Roster> KEY = FeatureKey.of("roster", () -> new RosterFeature(RosterOptions.defaults()));

    /**
     * @param session the session
     * @return the roster of that session: the installed one, or a new one with default options
     */
    static Roster of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * @param session the session
     * @param options the options
     * @return the roster of that session, installed with these options if it has none yet
     * @throws IllegalStateException when the session's roster was installed with other options
     */
    static Roster of(XmppSession session, RosterOptions options) {
        return session.feature(feature(options));
    }

    /**
     * The roster with options, as a feature, for example to declare it on the client builder.
     *
     * <pre>{@code
     * XmppClient.builder()...feature(Roster.feature(RosterOptions.builder().autoAccept(AutoAccept.ALWAYS).build()))
     * }</pre>
     *
     * @param options the options
     * @return the feature
     */
    static Feature<Roster> feature(RosterOptions options) {
        return new RosterFeature(options);
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

    /** @return every change from now on (hot; each subscriber buffers up to 1024 changes, then gets a {@link org.reactorxmpp.im.FeatureOverflowException}) */
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
     * @return completion once sent; a {@link RosterException} when {@link #preApproval()} is {@code false}
     */
    Mono<Void> preApprove(BareJid jid);

    /**
     * Incoming subscription requests that no policy answered. Requests are kept until answered, so
     * none is lost for arriving before the application subscribed (offline requests the server
     * delivers right at login): each new subscriber first receives the still-unanswered requests,
     * oldest first, then the new ones. A request leaves that buffer once answered by
     * {@link #approve}, {@link #deny}, {@link #preApprove} or {@link SubscriptionRequest}'s methods,
     * by a roster push showing the contact subscribed to us, or when the requester withdraws it
     * ({@code unsubscribe}). A repeated request from the same contact replaces the earlier one.
     *
     * <p>The buffer holds {@link RosterOptions#maxPendingRequests()} requests; one more is dropped,
     * logged as a warning, and the subscribers fail with a {@link RosterException} (with none, the next
     * subscriber gets the error after the replay). Each subscriber buffers up to 1024 requests it
     * has not requested yet, then gets a {@link org.reactorxmpp.im.FeatureOverflowException}.
     *
     * @return the unanswered and the incoming subscription requests
     */
    Flux<SubscriptionRequest> requests();

    /**
     * @return whether roster gets carry the stored version now: the {@link RosterOptions#versioning()}
     *     override, otherwise whether the current connection announced {@code urn:xmpp:features:rosterver}
     */
    boolean versioning();

    /**
     * @return whether {@link #preApprove} is supported now: the {@link RosterOptions#preApproval()}
     *     override, otherwise whether the current connection announced {@code urn:xmpp:features:pre-approval}
     */
    boolean preApproval();

    /** @return the options */
    RosterOptions options();
}
