package org.reactorxmpp.im.muc;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A room we are in, from {@link Muc#join}. The occupant list is complete when the join completes, and
 * kept current from the room's presences; our own nick is the one the room reflected (status 110),
 * which may differ from the one asked for. After a reconnect the room is entered again by itself, with
 * the history since the last message received, and the streams go on. While out of the room (also while
 * it is entered again) sending fails with {@link MucException.Reason#NOT_JOINED}.
 *
 * <pre>{@code
 * Muc.of(session).join(BareJid.parse("coven@chat.shakespeare.lit"), "thirdwitch")
 *     .flatMapMany(room -> room.send("Harpier cries: 'tis time, 'tis time.").thenMany(room.messages()))
 *     .subscribe(m -> System.out.println(m.nick() + ": " + m.body().orElse("")));
 * }</pre>
 */
public interface Room {

    /** @return the room's JID */
    BareJid jid();

    /** @return our nick in the room, as the room reflected it */
    String nick();

    /** @return ourselves as an occupant (role, affiliation, presence) */
    Occupant self();

    /** @return whether our join created the room (status 201): it waits for its configuration */
    boolean created();

    /** @return whether we are in the room now */
    boolean joined();

    /** @return the occupants now, by nick, ourselves included */
    Map<String, Occupant> occupants();

    /**
     * The changes of the occupants, hot multicast without replay on purpose: {@link #occupants()} is the
     * state, these are the changes for whoever follows them now (take the state, then follow). Each
     * subscriber buffers 1024 changes; one that falls behind gets them, then a
     * {@link org.reactorxmpp.im.FeatureOverflowException}; none is dropped silently.
     *
     * @return the changes from the moment of subscription; completes when we leave the room
     */
    Flux<OccupantEvent> occupantEvents();

    /**
     * @return the room's groupchat messages: each subscriber first gets the last 256 received since the join
     *     (the history included; a subscriber that comes later than 256 messages after the join does not get
     *     the earlier ones: the room's own history and the archive keep them), then the new ones, without
     *     a limit on how far it may fall behind
     */
    Flux<RoomMessage> messages();

    /**
     * The private messages of occupants to us (XEP-0045 section 7.5; the session's chats get them too,
     * one chat per occupant). Those that arrive while nobody is subscribed (before the first subscriber:
     * one may come right after the join, before the caller could subscribe; or after the last one left)
     * are kept for the next subscriber, up to 256; each subscriber buffers 256. A subscriber that falls
     * behind (or comes after more than 256 were kept) gets them, then a
     * {@link org.reactorxmpp.im.FeatureOverflowException}; none is dropped silently.
     *
     * @return the private messages; completes when we leave the room
     */
    Flux<Message> privateMessages();

    /** @return the subject, once the room sent one (empty text: none set) */
    java.util.Optional<String> subject();

    /** @param body the text @return completion once sent to the room */
    Mono<Void> send(String body);

    /**
     * @param message a message; addressed to the room as groupchat whatever its {@code to} and type
     * @return completion once sent
     */
    Mono<Void> send(Message message);

    /**
     * @param nick an occupant
     * @param body the text
     * @return completion once sent, through the room, to that occupant only
     */
    Mono<Void> sendPrivate(String nick, String body);

    /**
     * @param subject the new subject
     * @return completion when the room announced the new subject; a {@link MucException} when refused
     */
    Mono<Void> changeSubject(String subject);

    /**
     * @param nick the new nick
     * @return completion when the room reflected it (the nick it assigned, see {@link #nick()});
     *     {@link MucException.Reason#NICK_CONFLICT} when taken
     */
    Mono<Void> changeNick(String nick);

    /**
     * @param show the availability, or {@code null} for plain available
     * @param status a status text, or {@code null}
     * @return completion once sent
     */
    Mono<Void> changePresence(Presence.@Nullable Show show, @Nullable String status);

    /** @return completion when the room reflected our unavailable presence */
    Mono<Void> leave();

    /** @param status a parting status text @return completion when the room reflected our unavailable presence */
    Mono<Void> leave(@Nullable String status);

    /**
     * XEP-0410 self-ping: asks the room whether we are still in it, to detect a room that dropped us
     * silently (a restarted service, a lost presence). Enter again with {@link Muc#join} when it says no, or
     * let {@link Muc#selfPing(java.time.Duration)} do both periodically.
     *
     * @return {@code true} when the room still has us (a result, or {@code service-unavailable} /
     *     {@code feature-not-implemented} from a client that does not answer pings), {@code false} on any
     *     other error ({@code not-acceptable}: not an occupant); empty when the service is unreachable
     *     ({@code remote-server-not-found}, {@code remote-server-timeout}); an error when nothing answered
     */
    Mono<Boolean> selfPing();

    /** @return why we are out of the room, once we are (left, kicked, banned, destroyed, rejoin failed...) */
    Mono<RoomExit> exit();

    // ---- owner ----

    /** @return completion when the room accepted its default configuration (an instant room, XEP-0045 10.1.2) */
    Mono<Void> acceptDefaultConfiguration();

    /** @return the room's configuration form, for an owner */
    Mono<RoomConfiguration> configuration();

    /** @param configuration the configuration to submit @return completion when the room accepted it */
    Mono<Void> configure(RoomConfiguration configuration);

    /** @param change applied to the current configuration @return completion when the room accepted the result */
    Mono<Void> configure(UnaryOperator<RoomConfiguration> change);

    /**
     * @param reason a reason for the occupants, or {@code null}
     * @param alternate a room to go to instead, or {@code null}
     * @return completion when the room is destroyed
     */
    Mono<Void> destroy(@Nullable String reason, @Nullable BareJid alternate);

    // ---- moderation ----

    /** @param nick an occupant @param reason a text, or {@code null} @return completion when done (role none, 307) */
    Mono<Void> kick(String nick, @Nullable String reason);

    /** @param nick an occupant @return completion when it may speak (role participant) */
    Mono<Void> grantVoice(String nick);

    /** @param nick an occupant @return completion when it may no longer speak (role visitor) */
    Mono<Void> revokeVoice(String nick);

    /** @param nick an occupant @param role the new role @param reason a text, or {@code null} @return completion */
    Mono<Void> changeRole(String nick, Role role, @Nullable String reason);

    /** @param user a user @param reason a text, or {@code null} @return completion when banned (affiliation outcast) */
    Mono<Void> ban(BareJid user, @Nullable String reason);

    /** @param user a user @param affiliation the new affiliation @param reason a text, or {@code null} @return completion */
    Mono<Void> changeAffiliation(BareJid user, Affiliation affiliation, @Nullable String reason);

    /** @param affiliation owner, admin, member or outcast @return the users with it */
    Mono<List<MucUser.Item>> affiliations(Affiliation affiliation);

    /** @param role moderator or participant @return the occupants with it */
    Mono<List<MucUser.Item>> roles(Role role);

    // ---- invitations ----

    /** @param user whom to invite @param reason a text, or {@code null} @return completion once sent through the room */
    Mono<Void> invite(BareJid user, @Nullable String reason);

    /** @param user whom to invite @param reason a text, or {@code null} @return completion once sent directly (XEP-0249) */
    Mono<Void> inviteDirect(BareJid user, @Nullable String reason);
}
