package org.reactorxmpp.xmpp.extension.chatstates;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * A XEP-0085 chat state: one empty element in {@value #NAMESPACE} whose name is the state. Each
 * state has its own {@link #codec()} (a codec handles one element name); {@link #CODECS} lists them
 * for {@link ExtensionRegistry.Builder#register}.
 *
 * <pre>{@code
 * ExtensionRegistry.Builder b = ExtensionRegistry.builder();
 * ChatState.CODECS.forEach(b::register);
 * }</pre>
 */
public enum ChatState {
    ACTIVE,
    COMPOSING,
    PAUSED,
    INACTIVE,
    GONE;

    /** {@code http://jabber.org/protocol/chatstates}. */
    public static final String NAMESPACE = "http://jabber.org/protocol/chatstates";

    /** The codecs of all five states. */
    public static final List<ExtensionCodec<ChatState>> CODECS =
        List.of(ACTIVE.codec(), COMPOSING.codec(), PAUSED.codec(), INACTIVE.codec(), GONE.codec());

    private final XmlName name = XmlName.of(NAMESPACE, name().toLowerCase(Locale.ROOT));
    private final XmlElement element = XmlElement.builder(name).build();
    @SuppressWarnings("this-escape")
    private final ExtensionCodec<ChatState> codec = new Codec(this);

    /** @return the element name, e.g. {@code {http://jabber.org/protocol/chatstates}composing} */
    public XmlName elementName() {
        return name;
    }

    /** @return the empty element of this state */
    public XmlElement toElement() {
        return element;
    }

    /** @return the codec of this state's element */
    public ExtensionCodec<ChatState> codec() {
        return codec;
    }

    /**
     * The chat state a stanza carries.
     *
     * @param stanza a message element
     * @return the first chat-state child, if any (unknown names in the namespace are ignored)
     */
    public static Optional<ChatState> of(XmlElement stanza) {
        return stanza.elements().filter(e -> NAMESPACE.equals(e.namespace()))
            .map(e -> fromName(e.localName())).flatMap(Optional::stream).findFirst();
    }

    private static Optional<ChatState> fromName(String localName) {
        for (ChatState s : values()) {
            if (s.name.localName().equals(localName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static final class Codec implements ExtensionCodec<ChatState> {
        private final ChatState state;

        Codec(ChatState state) {
            this.state = state;
        }

        @Override
        public XmlName name() {
            return state.name;
        }

        @Override
        public Class<ChatState> type() {
            return ChatState.class;
        }

        @Override
        public ChatState decode(XmlElement element) {
            return state;
        }

        @Override
        public XmlElement encode(ChatState value) {
            return value.element;
        }
    }
}
