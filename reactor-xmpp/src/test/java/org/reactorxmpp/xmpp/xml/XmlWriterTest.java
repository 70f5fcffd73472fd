package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlWriterTest {

    private static final String CLIENT = "jabber:client";
    private static final XmlReader READER = XmlReader.create();

    private static String write(XmlElement e) {
        return new String(XmlWriter.toBytes(e), StandardCharsets.UTF_8);
    }

    @Test
    void escapesTextContent() {
        XmlElement e = XmlElement.builder("", "t").text("a&b<c>d\"e'f\rg\nh\ti").build();
        assertThat(write(e)).isEqualTo("<t>a&amp;b&lt;c&gt;d\"e'f&#xD;g\nh\ti</t>");
    }

    @Test
    void escapesAttributeValues() {
        XmlElement e = XmlElement.builder("", "t").attribute("v", "a&b<c>d\"e'f\rg\nh\ti").build();
        assertThat(write(e)).isEqualTo("<t v=\"a&amp;b&lt;c&gt;d&quot;e&apos;f&#xD;g&#xA;h&#x9;i\"/>");
    }

    @Test
    void escapedWhitespaceSurvivesARoundTrip() {
        // a parser normalizes raw CR/LF/TAB in attributes to spaces and CRLF in text to LF: escaping prevents it
        XmlElement e = XmlElement.builder("", "t")
            .attribute("v", "x\r\ny\tz\n")
            .text("line\r\nnext\rlast\n\t")
            .build();
        XmlElement back = READER.read(XmlWriter.toBytes(e));
        assertThat(back.attribute("v")).isEqualTo("x\r\ny\tz\n");
        assertThat(back.text()).isEqualTo("line\r\nnext\rlast\n\t");
        assertThat(back).isEqualTo(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u0008", "\u001F", "\uFFFE", "\uFFFF", "\uD83D", "\uDE00",
        "x\uDE00\uD83Dy", "end\uD800"})
    void refusesCharactersXmlCannotCarryInText(String bad) {
        XmlElement e = XmlElement.builder("", "t").text("ok " + bad).build();
        assertThatThrownBy(() -> XmlWriter.toBytes(e))
            .isInstanceOfSatisfying(XmlException.class,
                x -> assertThat(x.reason()).isEqualTo(XmlException.Reason.ILLEGAL_CHARACTER))
            .hasMessageContaining("U+")
            .hasMessageContaining("index");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\uFFFE", "\uD83D", "\uDE00"})
    void refusesCharactersXmlCannotCarryInAttributes(String bad) {
        XmlElement e = XmlElement.builder("", "t").attribute("a", bad).build();
        assertThatThrownBy(() -> XmlWriter.toBytes(e))
            .isInstanceOfSatisfying(XmlException.class,
                x -> assertThat(x.reason()).isEqualTo(XmlException.Reason.ILLEGAL_CHARACTER));
    }

    @Test
    void encodesSupplementaryCharactersAsFourByteUtf8() {
        XmlElement e = XmlElement.builder("", "t").text("\uD83D\uDE00").attribute("a", "\uD83D\uDC4D").build();
        byte[] bytes = XmlWriter.toBytes(e);
        byte[] smile = {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        byte[] thumbs = {(byte) 0xF0, (byte) 0x9F, (byte) 0x91, (byte) 0x8D};
        assertThat(indexOf(bytes, smile)).isPositive();
        assertThat(indexOf(bytes, thumbs)).isPositive();
        assertThat(bytes).hasSize("<t a=\"\"></t>".length() + 8);
        assertThat(READER.read(bytes)).isEqualTo(e);
    }

    @Test
    void encodesBmpCharactersAsUtf8() {
        XmlElement e = XmlElement.builder("", "t").text("é日").build();
        assertThat(XmlWriter.toBytes(e)).isEqualTo("<t>é日</t>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void declaresTheDefaultNamespaceOnlyWhereItChanges() {
        XmlElement m = XmlElement.builder(CLIENT, "message")
            .child(XmlElement.builder(CLIENT, "body").text("hi").build())
            .child(XmlElement.builder("http://jabber.org/protocol/chatstates", "active").build())
            .child(XmlElement.builder("", "plain").build())
            .build();
        assertThat(write(m)).isEqualTo("<message xmlns=\"jabber:client\"><body>hi</body>"
            + "<active xmlns=\"http://jabber.org/protocol/chatstates\"/><plain xmlns=\"\"/></message>");
    }

    @Test
    void writesUnderAParentNamespaceWithoutRedundantDeclaration() {
        XmlElement m = XmlElement.builder(CLIENT, "message").textChild(CLIENT, "body", "x").build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlWriter.write(m, CLIENT, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<message><body>x</body></message>");
    }

    @Test
    void namespacedAttributesGetAPrefixDeclaration() {
        XmlName version = XmlName.of("urn:xmpp:xbosh", "version", "xmpp");
        XmlElement body = XmlElement.builder("http://jabber.org/protocol/httpbind", "body")
            .attribute("rid", "1")
            .attribute(XmlName.XML_LANG, "en")
            .attribute(version, "1.0")
            .child(XmlElement.builder("", "inner").attribute(XmlName.of("urn:xmpp:xbosh", "restart", "xmpp"), "true").build())
            .build();
        String xml = write(body);
        assertThat(xml).isEqualTo("<body xmlns=\"http://jabber.org/protocol/httpbind\" rid=\"1\" xml:lang=\"en\""
            + " xmlns:xmpp=\"urn:xmpp:xbosh\" xmpp:version=\"1.0\"><inner xmlns=\"\" xmpp:restart=\"true\"/></body>");
        assertThat(xml).doesNotContain("xmlns:xml");
        assertThat(READER.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(body);
    }

    @Test
    void attributeWithoutPrefixHintGetsAGeneratedOne() {
        XmlElement e = XmlElement.builder("", "e")
            .attribute(XmlName.of("urn:a", "x"), "1")
            .attribute(XmlName.of("urn:b", "y"), "2")
            .build();
        String xml = write(e);
        assertThat(xml).isEqualTo("<e xmlns:ns=\"urn:a\" ns:x=\"1\" xmlns:ns1=\"urn:b\" ns1:y=\"2\"/>");
        assertThat(READER.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    }

    @Test
    void reservedPrefixHintsAreNotBoundToOtherNamespaces() {
        XmlElement e = XmlElement.builder("", "e")
            .attribute(XmlName.of("urn:a", "x", "xml"), "1")
            .attribute(XmlName.of("urn:b", "y", "xmlns"), "2")
            .build();
        String xml = write(e);
        assertThat(xml).doesNotContain("xmlns:xml=").doesNotContain("xmlns:xmlns=");
        assertThat(READER.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    }

    @Test
    void namespaceDeclarationsCannotBeSetAsAttributes() {
        assertThatThrownBy(() -> XmlElement.builder("", "e").attribute("xmlns", "urn:x"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlElement.builder("", "e").attribute(XmlName.of("http://www.w3.org/2000/xmlns/", "p"), "urn:x"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputReparsesToAnEqualElement() {
        XmlElement iq = XmlElement.builder(CLIENT, "iq")
            .attribute("type", "result").attribute("id", "r1")
            .child(XmlElement.builder("jabber:iq:roster", "query").attribute("ver", "v1")
                .child(XmlElement.builder("jabber:iq:roster", "item")
                    .attribute("jid", "romeo@example.net").attribute("name", "Roméo <\"R\"> & 'co'")
                    .textChild("jabber:iq:roster", "group", "Friends & Family")
                    .build())
                .build())
            .text("\n")
            .build();
        byte[] bytes = XmlWriter.toBytes(iq);
        XmlElement back = READER.read(bytes);
        assertThat(back).isEqualTo(iq);
        assertThat(XmlWriter.toBytes(back)).isEqualTo(bytes);
    }

    @Test
    void largeOutputCrossesTheInternalBuffer() {
        String text = "0123456789é😀".repeat(500);
        XmlElement e = XmlElement.builder("", "t").text(text).build();
        assertThat(READER.read(XmlWriter.toBytes(e)).text()).isEqualTo(text);
    }

    @Test
    void writeFailureIsIo() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        assertThatThrownBy(() -> XmlWriter.write(XmlElement.empty("", "a"), broken))
            .isInstanceOfSatisfying(XmlException.class, x -> assertThat(x.reason()).isEqualTo(XmlException.Reason.IO))
            .hasMessageContaining("disk on fire");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
