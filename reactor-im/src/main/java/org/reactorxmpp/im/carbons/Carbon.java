package org.reactorxmpp.im.carbons;

import java.util.Objects;

import org.reactorxmpp.im.forward.Forwarded;

/**
 * A carbon copy (XEP-0280) of a message that another resource of the account received or sent.
 *
 * @param direction whether the other resource received or sent it
 * @param forwarded the copied message (its {@code from}/{@code to} as the other resource saw it)
 */
public record Carbon(Direction direction, Forwarded forwarded) {

    /** Received by another resource, or sent by one. */
    public enum Direction {
        /** {@code <received/>}: a message to another resource. */
        RECEIVED,
        /** {@code <sent/>}: a message another resource sent. */
        SENT
    }

    /** Checks for nulls. */
    public Carbon {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(forwarded, "forwarded");
    }
}
