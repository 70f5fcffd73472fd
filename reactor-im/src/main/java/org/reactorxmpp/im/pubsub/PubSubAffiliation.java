package org.reactorxmpp.im.pubsub;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * An entity's affiliation with a node (XEP-0060 4.1): what the owner manages with
 * {@link PubSub#affiliations(String)} and {@link PubSub#setAffiliations(String, java.util.Collection)}.
 *
 * <pre>{@code
 * pubsub.setAffiliations("news", List.of(new PubSubAffiliation("news", bob, PubSubAffiliation.Type.PUBLISHER)));
 * }</pre>
 *
 * @param node the node
 * @param jid the affiliated entity (usually a bare JID)
 * @param type the affiliation
 */
public record PubSubAffiliation(String node, Jid jid, Type type) {

    public PubSubAffiliation {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(type, "type");
    }

    /** The affiliations of XEP-0060, with their wire values. */
    public enum Type {
        OWNER("owner"), PUBLISHER("publisher"), PUBLISH_ONLY("publish-only"), MEMBER("member"), NONE("none"),
        OUTCAST("outcast"),
        /** A value this library does not know; not for setting. */
        UNKNOWN("");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        /** @return the value on the wire */
        public String value() {
            return value;
        }

        /** @param value a wire value @return the affiliation, {@link #UNKNOWN} for anything else */
        public static Type of(@Nullable String value) {
            for (Type t : values()) {
                if (!t.value.isEmpty() && t.value.equals(value)) {
                    return t;
                }
            }
            return UNKNOWN;
        }
    }
}
