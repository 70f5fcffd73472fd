package org.reactorxmpp.im.forward;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A forwarded message (XEP-0297): the message as it was, with the {@code <delay/>} of the forward
 * (when it was originally sent), if any.
 *
 * <pre>{@code
 * Forwarded f = Forwarded.CODEC.decode(element);        // <forwarded xmlns='urn:xmpp:forward:0'>
 * Instant when = f.delay().map(Delay::stamp).orElse(Instant.now());
 * }</pre>
 *
 * @param message the forwarded message
 * @param delay the original send time, if given
 */
public record Forwarded(Message message, Optional<Delay> delay) {

    /** {@code urn:xmpp:forward:0}. */
    public static final String NAMESPACE = "urn:xmpp:forward:0";

    /** The {@code <forwarded/>} element name. */
    public static final XmlName NAME = XmlName.of(NAMESPACE, "forwarded");

    private static final XmlName DELAY = XmlName.of(Delay.NAMESPACE, "delay");
    private static final XmlName MESSAGE = XmlName.of(Stanza.NAMESPACE, "message");

    /** The codec of {@code <forwarded xmlns='urn:xmpp:forward:0'/>} holding a message. */
    public static final ExtensionCodec<Forwarded> CODEC = new ExtensionCodec<>() {
        @Override
        public XmlName name() {
            return NAME;
        }

        @Override
        public Class<Forwarded> type() {
            return Forwarded.class;
        }

        @Override
        public Forwarded decode(XmlElement element) {
            XmlElement message = element.element(MESSAGE);
            if (message == null) {
                throw new ExtensionDecodeException(NAME, "<forwarded/> without a jabber:client <message/>");
            }
            @Nullable XmlElement delay = element.element(DELAY);
            return new Forwarded(Message.of(message),
                delay == null ? Optional.empty() : Optional.of(ExtensionCodec.decode(Delay.CODEC, delay)));
        }

        @Override
        public XmlElement encode(Forwarded value) {
            XmlElement.Builder b = XmlElement.builder(NAME);
            value.delay().ifPresent(d -> b.child(Delay.CODEC.encode(d)));
            return b.child(value.message().element()).build();
        }
    };

    /** Checks for nulls. */
    public Forwarded {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * @param parent an element holding a {@code <forwarded/>} (a carbon's {@code <sent/>}, an archive {@code <result/>})
     * @return its forwarded message, if it has one
     * @throws ExtensionDecodeException when the forward is malformed
     */
    public static Optional<Forwarded> in(XmlElement parent) {
        XmlElement f = parent.element(NAME);
        return f == null ? Optional.empty() : Optional.of(ExtensionCodec.decode(CODEC, f));
    }
}
