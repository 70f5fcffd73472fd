package org.reactorxmpp.im.roster;

/** Which incoming subscription requests are approved without asking the application (CAXL {@code autoaccept}). */
public enum AutoAccept {
    /** Approve requests from contacts that are already in the roster. */
    IN_ROSTER,
    /** Approve every request. */
    ALWAYS,
    /** Approve none: every request is surfaced as a {@link SubscriptionRequest}. */
    NEVER
}
