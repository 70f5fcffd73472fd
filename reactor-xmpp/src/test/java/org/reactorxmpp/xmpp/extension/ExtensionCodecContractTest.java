package org.reactorxmpp.xmpp.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** The tree codec contract, checked by {@link ExtensionCodec#decode(ExtensionCodec, XmlElement)}. */
class ExtensionCodecContractTest {

    static final XmlName NAME = XmlName.of("urn:example:note", "note");
    private static final XmlName TEXT = XmlName.of(NAME.namespace(), "text");

    /** A note with a title attribute and text. */
    record Note(String title, String text) {
    }

    /** Reads the title attribute and the text of a {@code <text/>} child; other children are left alone. */
    static final class NoteCodec implements ExtensionCodec<Note> {
        @Override
        public XmlName name() {
            return NAME;
        }

        @Override
        public Class<Note> type() {
            return Note.class;
        }

        @Override
        public Note decode(XmlElement element) {
            String title = element.attribute("title");
            String text = element.childText(TEXT);
            return new Note(title == null ? "" : title, text == null ? "" : text);
        }

        @Override
        public XmlElement encode(Note value) {
            return XmlElement.builder(NAME).attribute("title", value.title())
                .child(XmlElement.builder(TEXT).text(value.text()).build()).build();
        }
    }

    /** Broken: returns null. */
    static final class NullCodec extends DelegatingCodec {
        @Override
        public Note decode(XmlElement element) {
            return null;
        }
    }

    /** Throws a runtime exception of its own. */
    static final class ThrowingCodec extends DelegatingCodec {
        @Override
        public Note decode(XmlElement element) {
            throw new IllegalStateException("boom");
        }
    }

    /** Broken: declares Note but returns something else through an unchecked cast. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final class WrongTypeCodec extends DelegatingCodec {
        @Override
        public Note decode(XmlElement element) {
            Object notANote = "text";
            return (Note) (Object) ((java.util.function.Supplier) () -> notANote).get();
        }
    }

    abstract static class DelegatingCodec implements ExtensionCodec<Note> {
        private final NoteCodec delegate = new NoteCodec();

        @Override
        public XmlName name() {
            return NAME;
        }

        @Override
        public Class<Note> type() {
            return Note.class;
        }

        @Override
        public XmlElement encode(Note value) {
            return delegate.encode(value);
        }
    }

    @Test
    void roundTripLeavesUnknownChildrenInTheElement() {
        XmlElement junk = XmlElement.builder("urn:other", "junk").child(XmlElement.empty("urn:other", "deeper")).build();
        XmlElement element = XmlElement.builder(NAME).attribute("title", "t & <t>")
            .child(junk)
            .child(XmlElement.builder(TEXT).text("line1\nline2 \u00e9\ud83d\ude00").build())
            .build();
        NoteCodec codec = new NoteCodec();

        Note note = ExtensionCodec.decode(codec, element);

        assertThat(note).isEqualTo(new Note("t & <t>", "line1\nline2 \u00e9\ud83d\ude00"));
        assertThat(element.elements().toList()).contains(junk);
        assertThat(ExtensionCodec.decode(codec, codec.encode(note))).isEqualTo(note);
    }

    @Test
    void nullResultWrongTypeAndCodecFailuresAreTypedAndNameTheCodec() {
        XmlElement element = new NoteCodec().encode(new Note("a", "b"));
        assertThatThrownBy(() -> ExtensionCodec.decode(new NullCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("returned null")
            .hasMessageContaining(NullCodec.class.getName());
        assertThatThrownBy(() -> ExtensionCodec.decode(new ThrowingCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("boom")
            .hasCauseInstanceOf(IllegalStateException.class)
            .satisfies(e -> assertThat(((ExtensionDecodeException) e).element()).isEqualTo(NAME));
        assertThatThrownBy(() -> ExtensionCodec.decode(new WrongTypeCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void codecIsOnlyAppliedToItsOwnName() {
        assertThatThrownBy(() -> ExtensionCodec.decode(new NoteCodec(), XmlElement.empty("urn:example:note", "other")))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("{urn:example:note}other");
    }
}
