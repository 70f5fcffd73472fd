package org.reactorxmpp.im.muc;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.muc.internal.DefaultMuc;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Multi-user chat (XEP-0045) of one session, a feature of it ({@link #KEY}): joining and creating rooms,
 * invitations (mediated and XEP-0249 direct), finding services and rooms. The rooms joined are entered
 * again after a reconnect that started a new session (with the history since the last message seen; a
 * room that refuses us ends with {@link RoomExit.Kind#REJOIN_FAILED} and the typed reason); optionally a
 * periodic XEP-0410 self-ping enters again a room that dropped us silently ({@link #selfPing(Duration)}).
 *
 * <pre>{@code
 * Muc muc = Muc.of(session);
 * muc.invitations().flatMap(inv -> inv.accept("romeo")).subscribe();
 * muc.join(BareJid.parse("coven@chat.shakespeare.lit"), "thirdwitch",
 *         JoinOptions.builder().password("cauldronburn").history(History.lastMessages(20)).build())
 *     .flatMapMany(Room::messages)
 *     .subscribe(m -> System.out.println(m.nick() + ": " + m.body().orElse("")));
 * Disposable pinging = muc.selfPing(Duration.ofMinutes(5)); // optional; dispose() to stop
 * Mono<Room> created = muc.createReserved(BareJid.parse("balcony@chat.shakespeare.lit"), "juliet",
 *     config -> config.persistent(true).membersOnly(true));
 * }</pre>
 */
public interface Muc {

    /** The MUC feature. */
    FeatureKey<Muc> KEY = FeatureKey.of("muc", DefaultMuc::install);

    /** The namespace {@code http://jabber.org/protocol/muc}. */
    String NAMESPACE = "http://jabber.org/protocol/muc";

    /**
     * @param session the session
     * @return the session's MUC service (the same one every time)
     */
    static Muc of(XmppSession session) {
        return session.feature(KEY);
    }

    /** @param room the room @param nick the nick wanted @return see {@link #join(BareJid, String, JoinOptions)} */
    Mono<Room> join(BareJid room, String nick);

    /**
     * Enters a room. Lazy. The room's handlers are in place before the presence is sent; the result
     * comes with the room's presence about ourselves (status 110), the other occupants already known.
     * Joining a room we are in returns that room.
     *
     * @param room the room
     * @param nick the nick wanted (the room may assign another)
     * @param options password, history, timeout
     * @return the room; a {@link MucException} naming the reason when refused or not answered in time
     */
    Mono<Room> join(BareJid room, String nick, JoinOptions options);

    /**
     * Creates an instant room: joins, and accepts the default configuration.
     *
     * @param room the room
     * @param nick our nick
     * @return the room; {@link MucException.Reason#ALREADY_EXISTS} (after leaving it) when it existed
     */
    Mono<Room> createInstant(BareJid room, String nick);

    /**
     * Creates a reserved room: joins, fetches the configuration form, submits it as changed.
     *
     * @param room the room
     * @param nick our nick
     * @param configure the settings, from the form the server sent
     * @return the room once configured; {@link MucException.Reason#ALREADY_EXISTS} (after leaving it) when it existed
     */
    Mono<Room> createReserved(BareJid room, String nick, UnaryOperator<RoomConfiguration> configure);

    /** @param room a room @return the room, when we are in it */
    Optional<Room> room(BareJid room);

    /** @return the rooms we are in */
    Collection<Room> rooms();

    /**
     * The invitations received, mediated and direct. Those that arrive while nobody is subscribed (before
     * the first subscriber: an invitation stored offline arrives while the session connects, before
     * {@code connect()} returns, when {@link #KEY} is among the client's features; or after the last
     * subscriber left) are kept for the next subscriber, up to 64; one that takes only some (for example
     * {@code next()}) leaves the others for the next one. Each subscriber buffers 64; one that falls behind
     * (or comes after more than 64 were kept) gets them, then a
     * {@link org.reactorxmpp.im.FeatureOverflowException}: none is dropped silently.
     *
     * @return the invitations; completes when the session ends
     */
    Flux<Invitation> invitations();

    /**
     * The declines of our invitations, kept while nobody is subscribed and bounded like {@link #invitations()}.
     *
     * @return the declines; completes when the session ends
     */
    Flux<Decline> declines();

    /**
     * @param user whom to invite
     * @param room the room
     * @param reason a text, or {@code null}
     * @param password the room password to pass on, or {@code null}
     * @return completion once sent (XEP-0249 direct invitation)
     */
    Mono<Void> inviteDirect(BareJid user, BareJid room, @Nullable String reason, @Nullable String password);

    /** @return the MUC services of our server (disco#items with identity {@code conference/text}) */
    Flux<Jid> services();

    /**
     * Lists the rooms of a service, page by page with RSM (XEP-0059) where the service pages.
     *
     * @param service a MUC service
     * @param pageSize the page size asked for
     * @return the rooms
     */
    Flux<DiscoItem> rooms(Jid service, int pageSize);

    /** @param room a room @return its disco#info as a typed value */
    Mono<RoomInfo> info(BareJid room);

    /**
     * Starts XEP-0410 self-pings: every {@code every}, each room we are in is asked whether we are still
     * in it (an IQ ping to our own occupant JID). An answer meaning "not an occupant" ({@code
     * not-acceptable}, {@code item-not-found}, or any error but {@code service-unavailable},
     * {@code feature-not-implemented}, {@code remote-server-not-found} and {@code remote-server-timeout})
     * enters the room again, with the history since the last message seen; an unreachable service or no
     * answer changes nothing (the next ping asks again). Rooms that are being entered are not pinged.
     * Calling it again adds another schedule; the pings end with the session.
     *
     * <pre>{@code
     * Disposable pinging = Muc.of(session).selfPing(Duration.ofMinutes(5));
     * room.exit().subscribe(why -> log.info("out of {}: {}", room.jid(), why)); // REJOIN_FAILED when refused
     * pinging.dispose(); // no more pings
     * }</pre>
     *
     * @param every the period, positive
     * @return a handle that stops these pings
     */
    default Disposable selfPing(Duration every) {
        return selfPing(every, reactor.core.scheduler.Schedulers.parallel());
    }

    /**
     * {@link #selfPing(Duration)} with the timer on a given scheduler (a virtual-time scheduler in tests).
     *
     * @param every the period, positive
     * @param timer where the period is timed
     * @return a handle that stops these pings
     */
    Disposable selfPing(Duration every, Scheduler timer);
}
