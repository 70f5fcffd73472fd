package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory path of {@link XmlReader} (byte arrays and buffers, read by {@link XmlScanner}) against its
 * stream path (Woodstox): the same trees for the same documents, the same typed failures for bad ones, and
 * the details a scanner of its own can get wrong (normalization, references, CDATA, surrogates, namespaces,
 * its name table).
 */
class XmlReaderInMemoryTest {

    private static final XmlReader READER = XmlReader.create();

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static XmlElement read(String xml) {
        return READER.read(utf8(xml));
    }

    /** The tree as text: every child node as it is kept (texts not merged or dropped), prefixes of attributes. */
    private static String dump(XmlElement e) {
        StringBuilder sb = new StringBuilder("(").append(e.name());
        for (Map.Entry<XmlName, String> a : e.attributes().entrySet()) {
            sb.append(' ').append(a.getKey()).append('[').append(a.getKey().prefix()).append("]=")
                .append(a.getValue());
        }
        for (XmlNode child : e.children()) {
            sb.append(' ');
            if (child instanceof XmlElement c) {
                sb.append(dump(c));
            } else {
                sb.append('"').append(((XmlText) child).text()).append('"');
            }
        }
        return sb.append(')').toString();
    }

    private static XmlException refuse(XmlReader reader, String xml) {
        XmlException e = catchThrowableOfType(XmlException.class, () -> reader.read(utf8(xml)));
        assertThat(e).as("refused: %s", xml).isNotNull();
        return e;
    }

    // --- the two paths agree ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "<a/>",
        "<a></a>",
        "<a x='1' y=\"2\"/>",
        "<a x='say \"hi\"' y=\"it's\"/>",
        "<a x=' t\tn\nr\r\nz '/>",
        "<a x='&#9;&#10;&#13;'/>",
        "<a>line1\r\nline2\rline3\n</a>",
        "<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]>x</a>",
        "<a>&lt;&#x41;&#66;&amp;&gt;&quot;&apos;</a>",
        "<a x='\uD83D\uDE00 &#x1F600;'>\uD83D\uDE00 &#128512; \u65E5\u672C\u8A9E Dvo\u0159\u00EDm</a>",
        "<p:a xmlns:p='urn:p' xmlns='urn:d'><b/><p:c p:x='1' x='2'/><d xmlns=''/><p:e xmlns:p='urn:q'/><f/></p:a>",
        "<a xml:lang='en' xml:space='preserve'/>",
        "<a xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='cs'/>",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a/>\n",
        "<?xml version=\"1.0\"?><a/>",
        "<a  x = '1'\n\ty='2' ></a >",
        "<a>\n  <b/>\n</a>",
        "<\u65E5\u672C \u5C5E\u6027='\u5024'/>",
        "<a>a > b, x]y]]z</a>",
        "<a>one<![CDATA[two]]>three&amp;four<b/>five</a>",
        "<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'>"
            + "<message xmlns='jabber:client'><body>hi</body></message></body>",
    })
    void inMemoryAndStreamReadTheSameTree(String xml) {
        XmlElement inMemory = read(xml);
        XmlElement streamed = READER.read(new ByteArrayInputStream(utf8(xml)));
        assertThat(inMemory).isEqualTo(streamed);
        assertThat(dump(inMemory)).isEqualTo(dump(streamed));
        assertThat(XmlWriter.toString(inMemory)).isEqualTo(XmlWriter.toString(streamed));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<a x='1'y='2'/>", "<a x=1/>", "<a x='<'/>", "<a>&;</a>", "<a>& b</a>", "<a>&#xD800;</a>",
        "<a>&#x110000;</a>", "<a>&#65</a>", "<a>&#x;</a>", "<a xmlns:p=''/>", "<a xmlns:xmlns='urn:x'/>",
        "<a xmlns:p='http://www.w3.org/XML/1998/namespace'/>", "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
        "<a xmlns:p='urn:1' xmlns:p='urn:2'/>", "<a><![CDATA[x</a>", "<a>x</a>y", "<b:a xmlns:b='urn:b'></a>",
        "<a:b xmlns:a='urn:a'></a:c>", "<a:b:c xmlns:a='urn:a'/>", "<a><b></a></b>", "<a></ab>", "<ab></a>",
        "<a x='1' x = '1'/>", "<a x='\u0001'/>", "<a/ >", "<a =''/>", "x<a/>", "<a>\uFFFF</a>",
        "<a><b x='1' xmlns:p='urn:p' p:y='1'/><c p:z='1'/></a>",
    })
    void malformedInBothPaths(String xml) {
        XmlException inMemory = refuse(READER, xml);
        assertThat(inMemory.reason()).as(inMemory.getMessage()).isEqualTo(XmlException.Reason.MALFORMED);
        assertThat(inMemory.getMessage()).startsWith("malformed XML: ").contains(" at line ");
        XmlException streamed = catchThrowableOfType(XmlException.class,
            () -> READER.read(new ByteArrayInputStream(utf8(xml))));
        assertThat(streamed).as("the stream path refuses %s too", xml).isNotNull();
        assertThat(streamed.reason()).isEqualTo(XmlException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a>&ent;</a>", "<a x='&ent;'/>", "<a><?pi x?></a>", "<a><!--c--></a>",
        "<!DOCTYPE a [<!ENTITY ent 'x'>]><a>&ent;</a>", "\n<?pi?><a/>", "<a/>\n<!-- after -->"})
    void restrictedInBothPaths(String xml) {
        XmlException inMemory = refuse(READER, xml);
        assertThat(inMemory.reason()).as(inMemory.getMessage()).isEqualTo(XmlException.Reason.RESTRICTED);
        assertThat(inMemory.getMessage()).contains("RFC 6120").contains(" at line ");
        XmlException streamed = catchThrowableOfType(XmlException.class,
            () -> READER.read(new ByteArrayInputStream(utf8(xml))));
        assertThat(streamed.reason()).isEqualTo(XmlException.Reason.RESTRICTED);
    }

    // --- details ---------------------------------------------------------------------------------------

    @Test
    void attributeValuesAreNormalizedButReferencesAreNot() {
        XmlElement a = read("<a x=' t\tn\nr\r\nz ' y='&#9;&#10;&#13;&#32;' z=\"it's\" w='say \"hi\"'/>");
        assertThat(a.attribute("x")).isEqualTo(" t n r z ");
        assertThat(a.attribute("y")).isEqualTo("\t\n\r ");
        assertThat(a.attribute("z")).isEqualTo("it's");
        assertThat(a.attribute("w")).isEqualTo("say \"hi\"");
    }

    @Test
    void lineEndsInTextAndCdataBecomeNewlines() {
        assertThat(read("<a>1\r\n2\r3<![CDATA[\r\n4\r]]></a>").text()).isEqualTo("1\n2\n3\n4\n");
    }

    @Test
    void cdataIsTextAndMergesWithItsNeighbours() {
        XmlElement a = read("<a>x<![CDATA[<b>&amp;]]>y<![CDATA[]]></a>");
        assertThat(a.children()).containsExactly(new XmlText("x<b>&amp;y"));
        assertThat(read("<a><![CDATA[]]]]><![CDATA[>]]></a>").text()).isEqualTo("]]>");
    }

    @Test
    void surrogatePairsFromBytesAndFromReferences() {
        XmlElement a = read("<a x='\uD83D\uDE00'>\uD83D\uDE00&#x1F600;&#128512;\uD800\uDC00</a>");
        assertThat(a.attribute("x")).isEqualTo("\uD83D\uDE00");
        assertThat(a.text()).isEqualTo("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD800\uDC00");
        // a surrogate, encoded on its own or referenced, is not a character
        assertThat(refuse(READER, "<a>&#xDE00;</a>").reason()).isEqualTo(XmlException.Reason.MALFORMED);
        byte[] lone = {'<', 'a', '>', (byte) 0xED, (byte) 0xB8, (byte) 0x80, '<', '/', 'a', '>'};
        assertThat(catchThrowableOfType(XmlException.class, () -> READER.read(lone)).reason())
            .isEqualTo(XmlException.Reason.MALFORMED);
        byte[] tooHigh = {'<', 'a', '>', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '<', '/', 'a', '>'};
        assertThat(catchThrowableOfType(XmlException.class, () -> READER.read(tooHigh)).reason())
            .isEqualTo(XmlException.Reason.MALFORMED);
        byte[] overlong = {'<', 'a', '>', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '<', '/', 'a', '>'};
        assertThat(catchThrowableOfType(XmlException.class, () -> READER.read(overlong)).reason())
            .isEqualTo(XmlException.Reason.MALFORMED);
    }

    @Test
    void namespacesResolveByScope() {
        XmlElement root = read("<s:a xmlns:s='urn:s' xmlns='urn:d'><b/><s:c s:x='1' x='2'/><d xmlns=''/>"
            + "<s:e xmlns:s='urn:other'/><f/></s:a>");
        assertThat(root.name()).isEqualTo(XmlName.of("urn:s", "a"));
        assertThat(root.attributes()).isEmpty(); // declarations are not attributes
        assertThat(root.elements().map(XmlElement::name)).containsExactly(XmlName.of("urn:d", "b"),
            XmlName.of("urn:s", "c"), XmlName.of("", "d"), XmlName.of("urn:other", "e"), XmlName.of("urn:d", "f"));
        XmlElement c = root.element("urn:s", "c");
        assertThat(c.attribute(XmlName.of("urn:s", "x"))).isEqualTo("1");
        assertThat(c.attribute(XmlName.of("", "x"))).isEqualTo("2"); // the default namespace is not the attribute's
        XmlName prefixed = c.attributes().keySet().stream().filter(n -> !n.namespace().isEmpty()).findFirst()
            .orElseThrow();
        assertThat(prefixed.prefix()).isEqualTo("s");
        assertThat(read("<a xml:lang='en'/>").attribute(XmlName.XML_LANG)).isEqualTo("en");
    }

    @Test
    void theSameNameInAnotherNamespaceIsAnotherName() {
        // the name table remembers what a name resolved to last; a new scope must not reuse it
        assertThat(read("<a xmlns='urn:1'/>").namespace()).isEqualTo("urn:1");
        assertThat(read("<a xmlns='urn:2'/>").namespace()).isEqualTo("urn:2");
        assertThat(read("<a/>").namespace()).isEmpty();
        assertThat(read("<p:a xmlns:p='urn:1' p:x='1'/>").attributes()).containsKey(XmlName.of("urn:1", "x"));
        assertThat(read("<p:a xmlns:p='urn:2' p:x='1'/>").attributes()).containsKey(XmlName.of("urn:2", "x"));
    }

    @Test
    void namesWithTheSameHashStayApart() {
        // "Aa" and "BB" have the same String hash, and so the same bucket in the name table
        XmlElement root = read("<Aa BB='1' Aa='2'><BB/><Aa/></Aa>");
        assertThat(root.localName()).isEqualTo("Aa");
        assertThat(root.attribute("BB")).isEqualTo("1");
        assertThat(root.attribute("Aa")).isEqualTo("2");
        assertThat(root.elements().map(XmlElement::localName)).containsExactly("BB", "Aa");
    }

    @Test
    void manyMoreNamesThanTheTableHoldsReadCorrectlyTwice() {
        StringBuilder sb = new StringBuilder("<root>");
        for (int i = 0; i < 3 * ScannedSymbols.SIZE; i++) {
            sb.append("<e").append(i).append(" a").append(i).append("='").append(i).append("'/>");
        }
        String xml = sb.append("</root>").toString();
        XmlElement first = read(xml);
        XmlElement second = read(xml);
        assertThat(first).isEqualTo(second).isEqualTo(READER.read(new ByteArrayInputStream(utf8(xml))));
        assertThat(second.elements().skip(700).findFirst().orElseThrow().attribute("a700")).isEqualTo("700");
    }

    @Test
    void longAndNonAsciiTextsGrowTheScratchBuffer() {
        String text = "\u00E9\u65E5\uD83D\uDE00".repeat(5_000) + "&amp;";
        assertThat(read("<a x='" + text + "'>" + text + "</a>").text()).isEqualTo(text.replace("&amp;", "&"));
        String ascii = "x".repeat(100_000);
        assertThat(read("<a>" + ascii + "</a>").text()).isEqualTo(ascii);
    }

    @Test
    void aBufferIsReadFromItsPositionToItsLimit() {
        byte[] bytes = utf8("junk<a>hi</a>junk");
        ByteBuffer heap = ByteBuffer.wrap(bytes, 4, 9);
        assertThat(READER.read(heap).text()).isEqualTo("hi");
        assertThat(heap.position()).isEqualTo(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).position(4).limit(13);
        assertThat(READER.read(direct).text()).isEqualTo("hi");
        assertThat(direct.position()).isEqualTo(4);
    }

    @Test
    void failuresSayWhere() {
        XmlException e = refuse(READER, "<a>\n<b>\n</c>");
        assertThat(e.getMessage()).contains("line 3, column").contains("</c>").contains("<b>");
        XmlException ref = refuse(READER, "<a>\n  &nbsp;</a>");
        assertThat(ref.getMessage()).contains("'nbsp'").contains("line 2, column 3");
    }

    // --- limits ----------------------------------------------------------------------------------------

    @Test
    void referencesAndSurrogatesCountAsTheCharsTheyBecome() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxTextLength(5).build());
        assertThat(reader.read(utf8("<a>&lt;&lt;&lt;&lt;&lt;</a>")).text()).hasSize(5);
        assertThat(refuse(reader, "<a>&lt;&lt;&lt;&lt;&lt;&lt;</a>").reason()).isEqualTo(XmlException.Reason.TEXT_LIMIT);
        assertThat(reader.read(utf8("<a x='&#65;&#65;&#65;&#65;&#65;'/>")).attribute("x")).hasSize(5);
        assertThat(refuse(reader, "<a x='&#65;&#65;&#65;&#65;&#65;&#65;'/>").reason())
            .isEqualTo(XmlException.Reason.TEXT_LIMIT);
        // three emoji are six chars
        assertThat(refuse(reader, "<a>\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00</a>").reason())
            .isEqualTo(XmlException.Reason.TEXT_LIMIT);
        assertThat(refuse(reader, "<a>abc<![CDATA[def]]></a>").reason()).isEqualTo(XmlException.Reason.TEXT_LIMIT);
        assertThat(refuse(reader, "<a>\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9</a>").reason())
            .isEqualTo(XmlException.Reason.TEXT_LIMIT);
    }

    @Test
    void namespaceDeclarationsAreBoundedApartFromAttributes() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxAttributes(2).build());
        assertThat(reader.read(utf8("<a xmlns='urn:a' xmlns:p='urn:p' x='1' p:y='2'/>")).attributes()).hasSize(2);
        XmlException e = refuse(reader, "<a xmlns:p='urn:p' xmlns:q='urn:q' xmlns:r='urn:r'/>");
        assertThat(e.reason()).isEqualTo(XmlException.Reason.ATTRIBUTE_LIMIT);
        assertThat(e.getMessage()).contains("namespace declarations");
    }

    @Test
    void depthCountsEveryLevelAcrossEmptyElements() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxDepth(3).build());
        assertThat(reader.read(utf8("<a><b><c/><c/></b><b><c></c></b></a>")).elements()).hasSize(2);
        XmlException e = refuse(reader, "<a><b><c><d/></c></b></a>");
        assertThat(e.reason()).isEqualTo(XmlException.Reason.DEPTH_LIMIT);
        assertThat(e.getMessage()).contains("3").contains("line 1, column 10");
    }

    @Test
    void theReaderStaysUsableAfterAFailure() {
        refuse(READER, "<p:a xmlns:p='urn:p'><p:b><c x='1' x='2'/></p:b></p:a>");
        refuse(READER, "<a>" + "<b>".repeat(100));
        XmlElement after = read("<a xmlns='urn:a'><b>ok</b></a>");
        assertThat(after.element("urn:a", "b").text()).isEqualTo("ok");
        assertThat(read("<p:x xmlns:p='urn:q'/>").namespace()).isEqualTo("urn:q");
    }
}
