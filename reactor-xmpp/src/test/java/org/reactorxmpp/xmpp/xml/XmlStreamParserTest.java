package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlStreamParserTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' id='s1' version='1.0' from='example.com'>";

    /** Records what the parser reports. */
    static final class Recorder implements XmlStreamParser.Handler {
        final List<Object> events = new ArrayList<>();

        @Override
        public void streamOpened(XmlElement header) {
            events.add("open " + header.attribute("id"));
        }

        @Override
        public void element(XmlElement element) {
            events.add(element);
        }

        @Override
        public void streamClosed() {
            events.add("close");
        }
    }

    private static void feed(XmlStreamParser parser, String text, int chunk, Recorder r) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            ByteBuffer b = ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i));
            parser.feed(b, r);
            assertThat(b.hasRemaining()).isFalse();
        }
    }

    private static XmlElement asWholeDocument(String element) {
        return XmlReader.create().read(element.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @CsvSource({"1", "3", "7", "64", "100000"})
    void elementsCutAnywhereComeOutWholeAndEqualToXmlReaders(int chunk) {
        String features = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";
        String message = "<message to='a@b' xml:lang='en' type='chat'><body>h\u00e9llo &amp; &lt;\u263a\ud83d\ude00&gt;"
            + "<![CDATA[ <raw> ]]></body><x xmlns='urn:x' xmlns:p='urn:p' p:attr='v'/></message>";
        Recorder r = new Recorder();
        XmlStreamParser parser = XmlStreamParser.create(XmlLimits.DEFAULTS);
        feed(parser, HEADER + features + "\n " + message + "</stream:stream>", chunk, r);
        assertThat(r.events).hasSize(4);
        assertThat(r.events.get(0)).isEqualTo("open s1");
        XmlElement f = (XmlElement) r.events.get(1);
        assertThat(f.is("http://etherx.jabber.org/streams", "features")).isTrue();
        assertThat(f.element("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms")).isNotNull();
        // the same tree XmlReader makes of the element with the namespaces it inherits
        XmlElement m = (XmlElement) r.events.get(2);
        assertThat(m).isEqualTo(asWholeDocument(message.replace("<message ", "<message xmlns='jabber:client' ")));
        assertThat(m.childText(XmlName.of("jabber:client", "body"))).isEqualTo("h\u00e9llo & <\u263a\ud83d\ude00> <raw> ");
        assertThat(r.events.get(3)).isEqualTo("close");
    }

    @Test
    void aRestartExpectsANewHeader() {
        Recorder r = new Recorder();
        XmlStreamParser parser = XmlStreamParser.create(XmlLimits.DEFAULTS);
        feed(parser, HEADER + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", 5, r);
        parser.restart();
        feed(parser, HEADER.replace("s1", "s2") + "<stream:features/>", 5, r);
        assertThat(r.events).hasSize(4);
        assertThat(r.events.get(2)).isEqualTo("open s2");
    }

    @Test
    void nothingAfterTheClosingTagIsRead() {
        Recorder r = new Recorder();
        XmlStreamParser parser = XmlStreamParser.create(XmlLimits.DEFAULTS);
        feed(parser, HEADER + "</stream:stream><garbage", 100, r);
        assertThat(r.events).containsExactly("open s1", "close");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DEPTH_LIMIT|<a><b><c><d/></c></b></a>",
        "ATTRIBUTE_LIMIT|<a w='0' x='1' y='2' z='3'/>",
        "TEXT_LIMIT|<a>0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz</a>",
        "TEXT_LIMIT|<a x='0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz'/>",
        "SIZE_LIMIT|<a><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b></a>",
        "RESTRICTED|<!-- a comment --><a/>",
        "RESTRICTED|<?pi data?><a/>",
        "MALFORMED|<a></b><c/> ",
    })
    void hostileOrOversizedInputFailsTyped(XmlException.Reason reason, String element) {
        XmlLimits limits = XmlLimits.builder().maxDepth(4).maxAttributes(3).maxTextLength(40).maxDocumentSize(200).build();
        XmlStreamParser parser = XmlStreamParser.create(limits);
        Recorder r = new Recorder();
        assertThatThrownBy(() -> feed(parser, HEADER + element, 4, r))
            .isInstanceOfSatisfying(XmlException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(r.events).containsExactly("open s1");
    }

    @Test
    void aStreamMustStartWithAStreamHeader() {
        assertThatThrownBy(() -> feed(XmlStreamParser.create(XmlLimits.DEFAULTS), "<message/>", 10, new Recorder()))
            .isInstanceOfSatisfying(XmlException.class, e -> assertThat(e.reason()).isEqualTo(XmlException.Reason.MALFORMED));
        assertThatThrownBy(() -> feed(XmlStreamParser.create(XmlLimits.DEFAULTS),
                "<!DOCTYPE x [<!ENTITY a 'b'>]>" + HEADER, 10, new Recorder()))
            .isInstanceOf(XmlException.class);
    }

    @Test
    void anUndeclaredEntityIsRefused() {
        assertThatThrownBy(() -> feed(XmlStreamParser.create(XmlLimits.DEFAULTS), HEADER + "<a>&xxe;</a>", 10,
                new Recorder()))
            .isInstanceOf(XmlException.class);
    }

    // ---- messages (RFC 7395: one element per WebSocket message)

    private static XmlElement message(XmlStreamParser parser, String text) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        XmlElement element = parser.readMessage(b);
        assertThat(b.hasRemaining()).isFalse();
        return element;
    }

    @Test
    void messagesAreReadOneAfterTheOtherAsXmlReaderReadsEachAsADocument() {
        List<String> messages = List.of(
            "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='example.com' id='s1' version='1.0' xml:lang='en'/>",
            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>",
            "<message xmlns='jabber:client' to='a@b' type='chat'><body>h\u00e9llo &amp; &lt;\ud83d\ude00&gt;<![CDATA[ <raw> ]]></body></message>",
            "<?xml version='1.0'?><presence xmlns='jabber:client'/>\n",
            "<message xmlns='jabber:client'><body>" + "x".repeat(5000) + "</body></message>",
            "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        XmlStreamParser parser = XmlStreamParser.forMessages(XmlLimits.DEFAULTS);
        for (String m : messages) {
            String document = m.startsWith("<?xml") ? m.substring(m.indexOf("?>") + 2) : m;
            assertThat(message(parser, m)).isEqualTo(asWholeDocument(document.trim()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "two elements|<a/><b/>",
        "half an element|<a><b/>",
        "no element|' '",
        "an end tag alone|</a>",
        "text beside the element|<a/>text<b/>",
    })
    void aMessageThatIsNotExactlyOneElementIsMalformed(String what, String text) {
        XmlStreamParser parser = XmlStreamParser.forMessages(XmlLimits.DEFAULTS);
        assertThatThrownBy(() -> message(parser, text))
            .isInstanceOfSatisfying(XmlException.class,
                e -> assertThat(e.reason()).isEqualTo(XmlException.Reason.MALFORMED));
    }

    @Test
    void aMessagesDepthCountsFromItsElementAsForADocument() {
        XmlLimits limits = XmlLimits.builder().maxDepth(4).build();
        assertThat(message(XmlStreamParser.forMessages(limits), "<a><b><c><d/></c></b></a>").name().localName())
            .isEqualTo("a");
        XmlReader.create(limits).read("<a><b><c><d/></c></b></a>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> message(XmlStreamParser.forMessages(limits), "<a><b><c><d><e/></d></c></b></a>"))
            .isInstanceOfSatisfying(XmlException.class,
                e -> assertThat(e.reason()).isEqualTo(XmlException.Reason.DEPTH_LIMIT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ATTRIBUTE_LIMIT|<a w='0' x='1' y='2' z='3'/>",
        "TEXT_LIMIT|<a>0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz</a>",
        "SIZE_LIMIT|<a><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b><b>0123456789</b></a>",
        "RESTRICTED|<!-- a comment --><a/>",
    })
    void aHostileOrOversizedMessageFailsTyped(XmlException.Reason reason, String text) {
        XmlLimits limits = XmlLimits.builder().maxDepth(4).maxAttributes(3).maxTextLength(40).maxDocumentSize(200).build();
        XmlStreamParser parser = XmlStreamParser.forMessages(limits);
        message(parser, "<ok/>");
        assertThatThrownBy(() -> message(parser, text))
            .isInstanceOfSatisfying(XmlException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
