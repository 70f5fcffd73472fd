package org.reactorxmpp.im.muc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.stanza.Message;

/**
 * A groupchat message of a room.
 *
 * @param message the stanza as received
 * @param nick the sender's nick, or {@code null} for a message from the room itself
 * @param delay the XEP-0203 delay (history messages carry one), or {@code null}
 * @param history whether it arrived in the history phase of a join (before the subject)
 */
public record RoomMessage(Message message, @Nullable String nick, @Nullable Delay delay, boolean history) {

    public RoomMessage {
        Objects.requireNonNull(message, "message");
    }

    /** @return the body, if any */
    public Optional<String> body() {
        return Optional.ofNullable(message.body());
    }

    /** @return the time it was sent: the delay stamp for history, else {@code received} */
    public Instant sentAt(Instant received) {
        return delay == null ? received : delay.stamp();
    }
}
