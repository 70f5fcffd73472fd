package org.reactorxmpp.im.pubsub;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * One item of a node: its id, the publisher where the service says it, and its payload element.
 *
 * <pre>{@code
 * Optional<Geoloc> where = item.payload(Geoloc.CODEC);
 * }</pre>
 *
 * @param id the item id ({@code null} only for an item the service sent without one)
 * @param publisher the publisher, where the service gives it
 * @param payload the payload, absent for a notification without payload
 */
public record PubSubItem(@Nullable String id, @Nullable Jid publisher, @Nullable XmlElement payload) {

    /**
     * @param id the item id, or {@code null} to let the service choose one
     * @param payload the payload
     * @return an item to publish
     */
    public static PubSubItem of(@Nullable String id, XmlElement payload) {
        return new PubSubItem(id, null, Objects.requireNonNull(payload, "payload"));
    }

    /** @return the id */
    public Optional<String> itemId() {
        return Optional.ofNullable(id);
    }

    /** @return the payload element */
    public Optional<XmlElement> payloadElement() {
        return Optional.ofNullable(payload);
    }

    /**
     * @param codec a payload codec
     * @param <T> the payload type
     * @return the decoded payload when it is the codec's element
     */
    public <T> Optional<T> payload(ExtensionCodec<T> codec) {
        return payload != null && payload.name().equals(codec.name())
            ? Optional.of(ExtensionCodec.decode(codec, payload)) : Optional.empty();
    }
}
