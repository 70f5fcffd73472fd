package org.reactorxmpp.xmpp.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.extension.ExtensionCodecContractTest.Note;
import org.reactorxmpp.xmpp.extension.ExtensionCodecContractTest.NoteCodec;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.xml.XmlElement;

class ExtensionRegistryTest {

    @Test
    void registriesAreIndependent() {
        NoteCodec notes = new NoteCodec();
        ExtensionRegistry a = ExtensionRegistry.builder().register(notes).build();
        ExtensionRegistry b = ExtensionRegistry.builder().register(Delay.CODEC).build();
        XmlElement note = notes.encode(new Note("t", "x"));
        XmlElement delay = Delay.CODEC.encode(Delay.of(Instant.parse("2002-09-10T23:08:25Z")));

        assertThat(a.contains(ExtensionCodecContractTest.NAME)).isTrue();
        assertThat(b.contains(ExtensionCodecContractTest.NAME)).isFalse();
        assertThat(a.decode(note)).contains(new Note("t", "x"));
        assertThat(b.decode(note)).isEmpty();
        assertThat(a.decode(delay)).isEmpty();
        assertThat(b.decode(delay)).contains(Delay.of(Instant.parse("2002-09-10T23:08:25Z")));
        assertThat(ExtensionRegistry.empty().codecs()).isEmpty();
    }

    @Test
    void toBuilderDerivesWithoutChangingTheOriginal() {
        ExtensionRegistry base = ExtensionRegistry.builder().register(Delay.CODEC).build();
        ExtensionRegistry more = base.toBuilder().register(new NoteCodec()).build();
        assertThat(more.codecs()).hasSize(2);
        assertThat(base.codecs()).containsExactly(Delay.CODEC);
    }

    @Test
    void lookupByNameAndTypeAndEncode() {
        ExtensionRegistry r = ExtensionRegistry.builder().register(Delay.CODEC).build();
        assertThat(r.codec(Delay.CODEC.name())).contains(Delay.CODEC);
        assertThat(r.codec(Delay.class)).contains(Delay.CODEC);
        assertThat(r.codec(Note.class)).isEmpty();
        Delay d = Delay.of(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(r.encode(d)).isEqualTo(Delay.CODEC.encode(d));
        assertThatThrownBy(() -> r.encode("text")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("java.lang.String");
    }

    @Test
    void decodeAllDecodesKnownChildrenInOrderAndSkipsOthers() {
        ExtensionRegistry r = ExtensionRegistry.builder().register(Delay.CODEC).register(new NoteCodec()).build();
        Delay d = Delay.of(Instant.parse("2020-01-01T00:00:00Z"));
        Note n = new Note("a", "b");
        XmlElement message = XmlElement.builder("jabber:client", "message")
            .textChild("jabber:client", "body", "hi")
            .child(new NoteCodec().encode(n))
            .child(XmlElement.empty("urn:unknown", "x"))
            .child(Delay.CODEC.encode(d))
            .build();
        assertThat(r.decodeAll(message)).containsExactly(n, d);
    }

    @Test
    void duplicateNameIsRefusedButReRegisteringTheSameCodecIsNot() {
        assertThatThrownBy(() -> ExtensionRegistry.builder().register(new NoteCodec()).register(new NoteCodec()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{urn:example:note}note");
        assertThat(ExtensionRegistry.builder().register(Delay.CODEC).register(Delay.CODEC).build().codecs()).hasSize(1);
    }

    @Test
    void decodeFailuresPropagateTyped() {
        ExtensionRegistry r = ExtensionRegistry.builder().register(Delay.CODEC).build();
        XmlElement bad = XmlElement.builder(Delay.NAMESPACE, "delay").attribute("stamp", "yesterday").build();
        assertThatThrownBy(() -> r.decode(bad)).isInstanceOf(ExtensionDecodeException.class)
            .hasMessageContaining("yesterday");
    }
}
