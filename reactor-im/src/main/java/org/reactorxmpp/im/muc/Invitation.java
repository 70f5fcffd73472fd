package org.reactorxmpp.im.muc;

import java.util.Optional;

import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import reactor.core.publisher.Mono;

/**
 * An invitation to a room, mediated (XEP-0045 7.8.2, through the room) or direct (XEP-0249), which the
 * application accepts by joining or declines.
 *
 * <pre>{@code
 * Muc.of(session).invitations()
 *     .flatMap(inv -> trusted(inv.from()) ? inv.accept("romeo").then() : inv.decline("busy"))
 *     .subscribe();
 * }</pre>
 */
public interface Invitation {

    /** @return the room */
    BareJid room();

    /**
     * @return who invites: for a mediated invitation what the room says (a real JID, or the inviter's
     *     occupant JID on some servers), for a direct one the sender
     */
    Jid from();

    Optional<String> reason();

    /** @return the room password, when the invitation carries it */
    Optional<String> password();

    /** @return whether this is a XEP-0249 direct invitation */
    boolean direct();

    /**
     * Joins the room with the invitation's password.
     *
     * @param nick the nick wanted
     * @return the room once joined
     */
    Mono<Room> accept(String nick);

    /**
     * Declines through the room, which tells the inviter (XEP-0045 7.8.2); XEP-0249 has no decline of its own,
     * so a direct invitation is declined the same way.
     *
     * @param reason a text for the inviter, or {@code null}
     * @return completion once sent
     */
    Mono<Void> decline(@org.jspecify.annotations.Nullable String reason);
}
