package org.reactorxmpp.xmpp.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

class ExtensionCodecContractTest {

    static final XmlName NAME = XmlName.of("urn:example:note", "note");

    /** A note with a title attribute and text, and any unknown children skipped. */
    record Note(String title, String text) {
    }

    /** Reads the title attribute, the text of a {@code <text/>} child, and skips everything else. */
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
        public Note decode(XMLStreamReader r) throws XMLStreamException {
            String title = XmlStreams.attribute(r, "title");
            String text = "";
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("text")) {
                    text = XmlStreams.readText(r);
                } else {
                    XmlStreams.skipElement(r);
                }
            }
            return new Note(title == null ? "" : title, text);
        }

        @Override
        public XmlElement encode(Note value) {
            return XmlElement.builder(NAME).attribute("title", value.title())
                .child(XmlElement.builder(NAME.namespace(), "text").text(value.text()).build()).build();
        }
    }

    /** Broken: returns while still on the start tag. */
    static final class LazyCodec extends DelegatingCodec {
        @Override
        public Note decode(XMLStreamReader r) {
            return new Note("lazy", "");
        }
    }

    /** Broken: reads one event too far, past the end tag of the nested {@code <note/>}. */
    static final class StopsAtInnerEndCodec extends DelegatingCodec {
        @Override
        public Note decode(XMLStreamReader r) throws XMLStreamException {
            r.nextTag(); // inner <note>
            r.nextTag(); // inner </note>, same name as ours but not the matching one
            return new Note("inner", "");
        }
    }

    /** Broken: returns null. */
    static final class NullCodec extends DelegatingCodec {
        @Override
        public Note decode(XMLStreamReader r) throws XMLStreamException {
            XmlStreams.skipElement(r);
            return null;
        }
    }

    /** Throws a runtime exception of its own. */
    static final class ThrowingCodec extends DelegatingCodec {
        @Override
        public Note decode(XMLStreamReader r) {
            throw new IllegalStateException("boom");
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
    void roundTripThroughACodecSkippingUnknownChildren() {
        XmlElement element = XmlElement.builder(NAME).attribute("title", "t & <t>")
            .child(XmlElement.builder("urn:other", "junk").child(XmlElement.empty("urn:other", "deeper")).build())
            .child(XmlElement.builder(NAME.namespace(), "text").text("line1\nline2 \u00e9\ud83d\ude00").build())
            .build();
        NoteCodec codec = new NoteCodec();

        Note note = XmlStreams.decode(codec, element);

        assertThat(note).isEqualTo(new Note("t & <t>", "line1\nline2 \u00e9\ud83d\ude00"));
        assertThat(XmlStreams.decode(codec, codec.encode(note))).isEqualTo(note);
    }

    @Test
    void codecThatDoesNotConsumeItsElementIsReported() {
        XmlElement element = new NoteCodec().encode(new Note("a", "b"));
        assertThatThrownBy(() -> XmlStreams.decode(new LazyCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class)
            .hasMessageContaining(LazyCodec.class.getName())
            .hasMessageContaining("broke the decode contract")
            .hasMessageContaining("start tag {urn:example:note}note")
            .satisfies(e -> assertThat(((ExtensionDecodeException) e).element()).isEqualTo(NAME));
    }

    @Test
    void codecThatStopsAtANestedEndTagOfTheSameNameIsReported() {
        XmlElement element = XmlElement.builder(NAME).child(XmlElement.empty(NAME.namespace(), "note"))
            .child(XmlElement.empty(NAME.namespace(), "text")).build();
        assertThatThrownBy(() -> XmlStreams.decode(new StopsAtInnerEndCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class)
            .hasMessageContaining(StopsAtInnerEndCodec.class.getName())
            .hasMessageContaining("broke the decode contract");
    }

    @Test
    void nullResultAndCodecFailuresAreTyped() {
        XmlElement element = new NoteCodec().encode(new Note("a", "b"));
        assertThatThrownBy(() -> XmlStreams.decode(new NullCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("returned null");
        assertThatThrownBy(() -> XmlStreams.decode(new ThrowingCodec(), element))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("boom")
            .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void codecIsOnlyAppliedToItsOwnName() {
        assertThatThrownBy(() -> XmlStreams.decode(new NoteCodec(), XmlElement.empty("urn:example:note", "other")))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("{urn:example:note}other");
    }

    @Test
    void readTextRefusesChildElementsAndSkipElementNeedsAStartTag() throws Exception {
        XMLStreamReader r = XmlStreams.open(XmlElement.builder(NAME).child(XmlElement.empty("", "x")).build());
        assertThatThrownBy(() -> XmlStreams.readText(r)).isInstanceOf(XMLStreamException.class)
            .hasMessageContaining("text only");
        XMLStreamReader r2 = XmlStreams.open(XmlElement.builder(NAME).text("t").build());
        r2.next();
        assertThatThrownBy(() -> XmlStreams.skipElement(r2)).isInstanceOf(XMLStreamException.class)
            .hasMessageContaining("start tag");
    }
}
