package org.reactorxmpp.im.pubsub;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * A subscription to a node.
 *
 * @param node the node
 * @param jid the subscribed address
 * @param subid the subscription id, where the service uses them
 * @param state the state
 */
public record PubSubSubscription(String node, Jid jid, @Nullable String subid, State state) {

    /** {@code subscription} values of XEP-0060. */
    public enum State {
        NONE("none"), PENDING("pending"), UNCONFIGURED("unconfigured"), SUBSCRIBED("subscribed"),
        /** A value this library does not know. */
        UNKNOWN("");

        private final String value;

        State(String value) {
            this.value = value;
        }

        /** @return the value on the wire */
        public String value() {
            return value;
        }

        /** @param value a wire value @return the state; a missing one is {@link #SUBSCRIBED} */
        public static State of(@Nullable String value) {
            if (value == null) {
                return SUBSCRIBED;
            }
            for (State s : values()) {
                if (!s.value.isEmpty() && s.value.equals(value)) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    /** @return the subscription id */
    public Optional<String> subscriptionId() {
        return Optional.ofNullable(subid);
    }
}
