package org.reactorxmpp.xmpp.extension.chatstates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class ChatStateExtensionTest {

    @ParameterizedTest
    @EnumSource(ChatState.class)
    void everyStateRoundTripsThroughItsCodecAndAMessage(ChatState state) {
        XmlElement e = state.toElement();
        assertThat(e.namespace()).isEqualTo("http://jabber.org/protocol/chatstates");
        assertThat(e.localName()).isEqualTo(state.name().toLowerCase());
        assertThat(ExtensionCodec.decode(state.codec(), e)).isEqualTo(state);

        Message m = Message.builder().type(Message.Type.CHAT).extension(state.codec(), state).build();
        assertThat(ChatState.of(m.element())).contains(state);
        assertThat(m.extension(state.codec())).contains(state);
    }

    @Test
    void registryWithAllFiveStatesDecodesAnyOfThem() {
        ExtensionRegistry.Builder b = ExtensionRegistry.builder();
        ChatState.CODECS.forEach(b::register);
        ExtensionRegistry registry = b.build();
        assertThat(registry.codecs()).hasSize(5);
        assertThat(registry.decode(ChatState.PAUSED.toElement())).contains(ChatState.PAUSED);
        assertThat(registry.encode(ChatState.GONE)).isEqualTo(ChatState.GONE.toElement());
    }

    @Test
    void xep0085ExampleAndStanzasWithoutState() {
        // XEP-0085 example: a content message with an active notification
        String xml = "<message from='bernardo@shakespeare.lit/pda' to='francisco@shakespeare.lit' type='chat'"
            + " xmlns='jabber:client'><body>Who's there?</body>"
            + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";
        Message m = (Message) Stanza.of(XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(ChatState.of(m.element())).contains(ChatState.ACTIVE);
        assertThat(ChatState.of(Message.builder().body("x").build().element())).isEmpty();
        XmlElement unknown = XmlElement.builder("jabber:client", "message")
            .child(XmlElement.empty(ChatState.NAMESPACE, "daydreaming")).child(ChatState.PAUSED.toElement()).build();
        assertThat(ChatState.of(unknown)).contains(ChatState.PAUSED);
    }
}
