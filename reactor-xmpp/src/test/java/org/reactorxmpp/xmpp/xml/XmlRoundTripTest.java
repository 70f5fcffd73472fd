package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips over a corpus of RFC 6120, RFC 6121 and XEP-0206 examples stored under
 * {@code src/test/resources/xml/rfc/}.
 *
 * <p>A document has exactly one root, so the examples are not wrapped in a
 * {@code <stream:stream>}: each stanza carries its own {@code xmlns='jabber:client'} (the default
 * namespace the stream would have given it), and each stream-level element declares its own
 * {@code xmlns:stream} prefix.
 */
class XmlRoundTripTest {

    private static final XmlReader READER = XmlReader.create();
    private static final String CLIENT = "jabber:client";

    static List<Path> corpus() throws IOException, URISyntaxException {
        URL dir = XmlRoundTripTest.class.getClassLoader().getResource("xml/rfc");
        assertThat(dir).as("corpus directory").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static byte[] bytes(String name) {
        try (InputStream in = XmlRoundTripTest.class.getClassLoader().getResourceAsStream("xml/rfc/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XmlElement parse(String name) {
        return READER.read(bytes(name));
    }

    @Test
    void corpusHasAtLeastFifteenExamples() throws Exception {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void parseWriteParseGivesAnEqualElement(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        XmlElement parsed = READER.read(original);
        byte[] written = XmlWriter.toBytes(parsed);
        XmlElement reparsed = READER.read(written);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.hashCode()).isEqualTo(parsed.hashCode());
        // the stream and buffer entry points agree with the array one
        assertThat(READER.read(Files.newInputStream(file))).isEqualTo(parsed);
        assertThat(READER.read(ByteBuffer.allocateDirect(original.length).put(original).flip())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void serializationIsStable(Path file) throws IOException {
        byte[] once = XmlWriter.toBytes(READER.read(Files.readAllBytes(file)));
        byte[] twice = XmlWriter.toBytes(READER.read(once));
        assertThat(new String(twice, StandardCharsets.UTF_8)).isEqualTo(new String(once, StandardCharsets.UTF_8));
        assertThat(twice).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void namespaceDeclarationsAreNotAttributes(Path file) throws IOException {
        XmlElement root = READER.read(Files.readAllBytes(file));
        assertNoDeclarations(root);
    }

    private static void assertNoDeclarations(XmlElement e) {
        assertThat(e.attributes().keySet())
            .noneMatch(n -> n.localName().equals("xmlns") || n.prefix().equals("xmlns")
                || n.namespace().equals("http://www.w3.org/2000/xmlns/"));
        e.elements().forEach(XmlRoundTripTest::assertNoDeclarations);
    }

    @Test
    void chatMessageReadsAsWritten() {
        XmlElement m = parse("rfc6121-message-chat.xml");
        assertThat(m.is(CLIENT, "message")).isTrue();
        assertThat(m.attributes()).hasSize(5);
        assertThat(m.attribute("from")).isEqualTo("juliet@example.com/balcony");
        assertThat(m.attribute("id")).isEqualTo("ktx72v49");
        assertThat(m.attribute("to")).isEqualTo("romeo@example.net");
        assertThat(m.attribute("type")).isEqualTo("chat");
        assertThat(m.attribute(XmlName.XML_LANG)).isEqualTo("en");
        assertThat(m.childText(XmlName.of(CLIENT, "body"))).isEqualTo("Art thou not Romeo, and a Montague?");
        // indentation is content and is kept
        assertThat(m.text()).isEqualTo("\n  \n");
        assertThat(m.toString()).startsWith("<message xmlns=\"jabber:client\" from=\"juliet@example.com/balcony\"")
            .contains(" xml:lang=\"en\"");
    }

    @Test
    void characterReferencesAndNonAsciiTextAreDecoded() {
        XmlElement p = parse("rfc6121-presence-show-status.xml");
        List<XmlElement> statuses = p.elements(XmlName.of(CLIENT, "status")).toList();
        assertThat(statuses).hasSize(2);
        assertThat(statuses.get(0).text()).isEqualTo("Wooing Romeo");
        assertThat(statuses.get(0).attribute(XmlName.XML_LANG)).isNull();
        assertThat(statuses.get(1).text()).isEqualTo("Dvořím se Romeovi");
        assertThat(statuses.get(1).attribute(XmlName.XML_LANG)).isEqualTo("cs");
        assertThat(p.childText(XmlName.of(CLIENT, "show"))).isEqualTo("dnd");
        assertThat(p.childText(XmlName.of(CLIENT, "priority"))).isEqualTo("1");

        XmlElement m = parse("rfc6121-message-bodies-cs.xml");
        XmlElement cs = m.elements(XmlName.of(CLIENT, "body")).skip(1).findFirst().orElseThrow();
        assertThat(cs.text().strip()).isEqualTo("Pročež jsi ty, Romeo?");

        XmlElement s = parse("rfc6121-message-subjects.xml");
        assertThat(s.elements(XmlName.of(CLIENT, "subject")).map(XmlElement::text).toList())
            .containsExactly("I implore you!", "Úpěnlivě prosím!");
        assertThat(s.elements(XmlName.of(CLIENT, "body")).map(XmlElement::text).toList())
            .containsExactly("Wherefore art thou, Romeo?", "Pročež jsi ty, Romeo?");
        // written as UTF-8 characters, not references
        assertThat(XmlWriter.toBytes(s)).containsSequence("Úpěnlivě".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rosterResultKeepsItemsAndGroups() {
        XmlElement iq = parse("rfc6121-roster-result.xml");
        XmlElement query = iq.element("jabber:iq:roster", "query");
        assertThat(query).isNotNull();
        assertThat(query.attribute("ver")).isEqualTo("ver11");
        List<XmlElement> items = query.elements(XmlName.of("jabber:iq:roster", "item")).toList();
        assertThat(items).extracting(i -> i.attribute("jid"))
            .containsExactly("romeo@example.net", "mercutio@example.com", "benvolio@example.net");
        assertThat(items).extracting(i -> i.attribute("subscription")).containsExactly("both", "from", "both");
        assertThat(items.get(0).childText(XmlName.of("jabber:iq:roster", "group"))).isEqualTo("Friends");
    }

    @Test
    void stanzaErrorKeepsItsCondition() {
        XmlElement iq = parse("rfc6120-iq-error-service-unavailable.xml");
        assertThat(iq.attribute("type")).isEqualTo("error");
        XmlElement error = iq.element(CLIENT, "error");
        assertThat(error).isNotNull();
        assertThat(error.attribute("type")).isEqualTo("cancel");
        assertThat(error.elementIn("urn:ietf:params:xml:ns:xmpp-stanzas")).get()
            .extracting(XmlElement::localName).isEqualTo("service-unavailable");
        assertThat(XmlWriter.toString(error)).contains(
            "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>");

        XmlElement m = parse("rfc6120-message-error-text.xml");
        XmlElement text = m.element(CLIENT, "error").element("urn:ietf:params:xml:ns:xmpp-stanzas", "text");
        assertThat(text.text()).isEqualTo("[ ... application-specific information ... ]");
        assertThat(text.attribute(XmlName.XML_LANG)).isEqualTo("en");
    }

    @Test
    void streamFeaturesAreInTheStreamsNamespace() {
        XmlElement f = parse("rfc6120-features-sasl.xml");
        assertThat(f.is("http://etherx.jabber.org/streams", "features")).isTrue();
        XmlElement mechanisms = f.element("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms");
        assertThat(mechanisms.elements().map(XmlElement::text).toList())
            .containsExactly("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN");
        assertThat(parse("rfc6120-features-bind.xml").element("urn:ietf:params:xml:ns:xmpp-bind", "bind")).isNotNull();
    }

    @Test
    void boshBodyKeepsNamespacedAttributesWithTheirPrefix() {
        XmlElement body = parse("xep0206-body-session-request.xml");
        assertThat(body.is("http://jabber.org/protocol/httpbind", "body")).isTrue();
        assertThat(body.attributes()).hasSize(12);
        assertThat(body.attribute("rid")).isEqualTo("1573741820");
        assertThat(body.attribute("content")).isEqualTo("text/xml; charset=utf-8");
        assertThat(body.attribute(XmlName.XML_LANG)).isEqualTo("en");
        XmlName version = XmlName.of("urn:xmpp:xbosh", "version");
        assertThat(body.attribute(version)).isEqualTo("1.0");
        XmlName key = body.attributes().keySet().stream().filter(version::equals).findFirst().orElseThrow();
        assertThat(key.prefix()).isEqualTo("xmpp");
        assertThat(body.toString()).contains(" xmlns:xmpp=\"urn:xmpp:xbosh\" xmpp:version=\"1.0\"");

        XmlElement features = parse("xep0206-body-features.xml");
        assertThat(features.element("http://etherx.jabber.org/streams", "features")
            .element("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms")).isNotNull();
        assertThat(features.attribute(version)).isEqualTo("1.0");

        XmlElement stanzas = parse("xep0206-body-stanzas.xml");
        assertThat(stanzas.elements(XmlName.of(CLIENT, "message")).map(m -> m.childText(XmlName.of(CLIENT, "body"))))
            .containsExactly("Good morning!", "Hey, what's up?");
    }

    @Test
    void escapesCdataAndSupplementaryCharactersSurvive() {
        XmlElement m = parse("extra-escapes-emoji.xml");
        String body = m.childText(XmlName.of(CLIENT, "body"));
        assertThat(body).isEqualTo("a < b && c > d, \"quoted\" and 'single' \uD83D\uDE00 \uD83D\uDE00 日本語 "
            + "<not-an-element/> & raw");
        XmlElement x = m.element("urn:example:ext", "x");
        assertThat(x.attribute("a")).isEqualTo("x\"y'z & <tag>");
        assertThat(x.attribute("b")).isEqualTo("line1\nline2\ttab\rcr");
        assertThat(m.element("http://jabber.org/protocol/chatstates", "active")).isNotNull();
        XmlElement back = READER.read(XmlWriter.toBytes(m));
        assertThat(back.element("urn:example:ext", "x").attribute("b")).isEqualTo("line1\nline2\ttab\rcr");
    }

    @Test
    void oneReaderIsSharedAcrossThreads() throws Exception {
        List<Path> files = corpus();
        List<XmlElement> expected = new java.util.ArrayList<>();
        for (Path f : files) {
            expected.add(READER.read(Files.readAllBytes(f)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < files.size(); i++) {
                            if (!READER.read(Files.readAllBytes(files.get(i))).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writtenFormOfASimpleStanzaIsExact() {
        XmlElement p = parse("rfc6121-presence-subscribe.xml");
        assertThat(XmlWriter.toString(p)).isEqualTo(
            "<presence xmlns=\"jabber:client\" id=\"xk3h1v69\" to=\"juliet@example.com\" type=\"subscribe\"/>");
    }
}
