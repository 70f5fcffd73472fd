package org.reactorxmpp.im.chat;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.stanza.Message;

/**
 * A message of a {@link Chat}: one the contact sent to this resource, or a carbon copy (XEP-0280) of
 * one the contact sent to another resource of the account, or of one another resource sent to the
 * contact.
 *
 * <pre>{@code
 * chat.messages().subscribe(m -> view.append(m.outgoing() ? "me" : "bob", m.body(), m.carbon()));
 * }</pre>
 *
 * @param message the message as addressed on the wire (for a carbon: the copied message, whose
 *     {@code to} is the other resource for {@link Origin#CARBON_RECEIVED}, the contact for
 *     {@link Origin#CARBON_SENT})
 * @param origin how it reached this resource
 * @param delay when it was originally sent, if the message or its carbon says so
 */
public record ChatMessage(Message message, Origin origin, Optional<Delay> delay) {

    /** How a chat message reached this resource. */
    public enum Origin {
        /** The contact sent it to this resource (or to the bare JID, delivered here). */
        RECEIVED,
        /** A carbon ({@code <received/>}): the contact sent it to another resource of the account. */
        CARBON_RECEIVED,
        /** A carbon ({@code <sent/>}): another resource of the account sent it to the contact. */
        CARBON_SENT
    }

    /** Checks for nulls. */
    public ChatMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(delay, "delay");
    }

    /** @return the body */
    public @Nullable String body() {
        return message.body();
    }

    /** @return whether this is a carbon copy of a message another resource received or sent */
    public boolean carbon() {
        return origin != Origin.RECEIVED;
    }

    /** @return whether the account wrote it (from another resource), not the contact */
    public boolean outgoing() {
        return origin == Origin.CARBON_SENT;
    }
}
