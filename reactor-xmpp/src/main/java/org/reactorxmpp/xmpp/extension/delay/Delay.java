package org.reactorxmpp.xmpp.extension.delay;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * XEP-0203 delayed-delivery information: when a stanza was originally sent, by whom it was delayed,
 * and an optional human-readable reason.
 *
 * <pre>{@code
 * Delay d = new Delay(Instant.parse("2002-09-10T23:08:25Z"), Jid.parse("capulet.com"), "Offline Storage");
 * XmlElement e = Delay.CODEC.encode(d);
 * // <delay xmlns="urn:xmpp:delay" stamp="2002-09-10T23:08:25Z" from="capulet.com">Offline Storage</delay>
 * }</pre>
 *
 * @param stamp the original send time (XEP-0082 DateTime, in UTC)
 * @param from the entity that delayed the stanza, or {@code null}
 * @param text a natural-language reason, or {@code null}
 */
public record Delay(Instant stamp, @Nullable Jid from, @Nullable String text) {

    /** The codec for {@code <delay xmlns='urn:xmpp:delay'/>}. */
    public static final ExtensionCodec<Delay> CODEC = new DelayCodec();

    /** The namespace {@code urn:xmpp:delay}. */
    public static final String NAMESPACE = "urn:xmpp:delay";

    public Delay {
        Objects.requireNonNull(stamp, "stamp");
    }

    /**
     * A delay with a timestamp only.
     *
     * @param stamp the original send time
     * @return the delay
     */
    public static Delay of(Instant stamp) {
        return new Delay(stamp, null, null);
    }
}
