package org.reactorxmpp.im.muc;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.muc.internal.MucUserCodec;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * The {@code <x xmlns='http://jabber.org/protocol/muc#user'/>} of room presences and messages: status
 * codes, the occupant item (role, affiliation, real JID, nick, reason), a mediated invitation or decline,
 * a room destruction, a password.
 *
 * <pre>{@code
 * Optional<MucUser> x = presence.extension(MucUser.CODEC);
 * boolean self = x.map(u -> u.has(MucUser.SELF)).orElse(false);
 * }</pre>
 *
 * @param statusCodes the {@code <status code/>}s, in no particular order (servers differ)
 * @param item the occupant item, or {@code null}
 * @param invite a mediated invitation, or {@code null}
 * @param decline a declined invitation, or {@code null}
 * @param destroy the room was destroyed, or {@code null}
 * @param password the room password (in an invitation), or {@code null}
 */
public record MucUser(Set<Integer> statusCodes, @Nullable Item item, @Nullable Invite invite, @Nullable Invite decline,
                      @Nullable Destroy destroy, @Nullable String password) {

    /** The namespace {@code http://jabber.org/protocol/muc#user}. */
    public static final String NAMESPACE = "http://jabber.org/protocol/muc#user";
    /** The codec. */
    public static final ExtensionCodec<MucUser> CODEC = new MucUserCodec();

    /** Status 110: the presence is about ourselves. */
    public static final int SELF = 110;
    /** Status 170: the room is logged. */
    public static final int LOGGED = 170;
    /** Status 172: the room is now non-anonymous. */
    public static final int NON_ANONYMOUS = 172;
    /** Status 201: the room was created by this join. */
    public static final int CREATED = 201;
    /** Status 210: the room assigned or rewrote our nick. */
    public static final int NICK_ASSIGNED = 210;
    /** Status 301: banned. */
    public static final int BANNED = 301;
    /** Status 303: nick changed (in the unavailable presence of the old nick). */
    public static final int NICK_CHANGED = 303;
    /** Status 307: kicked. */
    public static final int KICKED = 307;
    /** Status 321: removed because of an affiliation change. */
    public static final int REMOVED_AFFILIATION = 321;
    /** Status 322: removed because the room became members-only. */
    public static final int REMOVED_MEMBERS_ONLY = 322;
    /** Status 332: removed because the service shuts down. */
    public static final int REMOVED_SHUTDOWN = 332;

    public MucUser {
        statusCodes = Set.copyOf(statusCodes);
    }

    /** @param code a status code @return whether it is present */
    public boolean has(int code) {
        return statusCodes.contains(code);
    }

    public Optional<Item> occupantItem() {
        return Optional.ofNullable(item);
    }

    /**
     * The {@code <item/>} about an occupant.
     *
     * @param affiliation its affiliation
     * @param role its role
     * @param jid its real JID, when shown
     * @param nick its nick (in a nick change: the new nick)
     * @param reason a reason (kick, ban), or {@code null}
     * @param actor the nick of the moderator who acted, or {@code null}
     */
    public record Item(Affiliation affiliation, Role role, @Nullable Jid jid, @Nullable String nick,
                       @Nullable String reason, @Nullable String actor) {
        public Item {
            Objects.requireNonNull(affiliation, "affiliation");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * An {@code <invite/>} or {@code <decline/>}.
     *
     * @param from who invites or declines (set by the room on what it forwards)
     * @param to whom (set by the sender of what the room forwards)
     * @param reason the text, or {@code null}
     */
    public record Invite(@Nullable Jid from, @Nullable Jid to, @Nullable String reason) {
    }

    /**
     * A room's {@code <destroy/>}.
     *
     * @param alternate the alternate venue, or {@code null}
     * @param reason the reason, or {@code null}
     */
    public record Destroy(@Nullable Jid alternate, @Nullable String reason) {
    }
}
