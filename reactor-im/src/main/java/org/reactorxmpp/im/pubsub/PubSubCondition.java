package org.reactorxmpp.im.pubsub;

import org.jspecify.annotations.Nullable;

/**
 * The XEP-0060 application-specific error conditions ({@code http://jabber.org/protocol/pubsub#errors}),
 * which a server adds to a stanza error to say why a pubsub request failed.
 */
public enum PubSubCondition {
    CLOSED_NODE("closed-node"),
    CONFIGURATION_REQUIRED("configuration-required"),
    INVALID_JID("invalid-jid"),
    INVALID_OPTIONS("invalid-options"),
    INVALID_PAYLOAD("invalid-payload"),
    INVALID_SUBID("invalid-subid"),
    ITEM_FORBIDDEN("item-forbidden"),
    ITEM_REQUIRED("item-required"),
    JID_REQUIRED("jid-required"),
    MAX_ITEMS_EXCEEDED("max-items-exceeded"),
    MAX_NODES_EXCEEDED("max-nodes-exceeded"),
    NODEID_REQUIRED("nodeid-required"),
    NOT_IN_ROSTER_GROUP("not-in-roster-group"),
    NOT_SUBSCRIBED("not-subscribed"),
    PAYLOAD_TOO_BIG("payload-too-big"),
    PAYLOAD_REQUIRED("payload-required"),
    PENDING_SUBSCRIPTION("pending-subscription"),
    PRECONDITION_NOT_MET("precondition-not-met"),
    PRESENCE_SUBSCRIPTION_REQUIRED("presence-subscription-required"),
    SUBID_REQUIRED("subid-required"),
    TOO_MANY_SUBSCRIPTIONS("too-many-subscriptions"),
    /** {@code <unsupported feature='...'/>}: see {@link PubSubException#unsupportedFeature()}. */
    UNSUPPORTED("unsupported"),
    UNSUPPORTED_ACCESS_MODEL("unsupported-access-model"),
    /** The error had no pubsub#errors condition. */
    NONE(""),
    /** A pubsub#errors condition this library does not know. */
    UNKNOWN("");

    /** The namespace of the conditions. */
    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub#errors";

    private final String elementName;

    PubSubCondition(String elementName) {
        this.elementName = elementName;
    }

    /** @return the element name on the wire; empty for {@link #NONE} and {@link #UNKNOWN} */
    public String elementName() {
        return elementName;
    }

    /**
     * @param elementName the condition element's local name, or {@code null} for none
     * @return the condition; {@link #UNKNOWN} for a name not listed here
     */
    public static PubSubCondition of(@Nullable String elementName) {
        if (elementName == null || elementName.isEmpty()) {
            return NONE;
        }
        for (PubSubCondition c : values()) {
            if (c.elementName.equals(elementName)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
