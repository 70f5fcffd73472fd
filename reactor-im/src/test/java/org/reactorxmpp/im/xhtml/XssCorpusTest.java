package org.reactorxmpp.im.xhtml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlException;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlText;

/**
 * The sanitiser against the XSS corpus in {@code xhtml/xss-vectors.txt}: each vector as HTML, as a
 * parsed XHTML tree when it is well-formed XML, and as text inside the body; every output must pass
 * {@link ExecutesNothing}.
 */
class XssCorpusTest {

    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    static List<String> vectors() throws IOException {
        try (InputStream in = Objects.requireNonNull(XssCorpusTest.class.getResourceAsStream("/xhtml/xss-vectors.txt"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(XssCorpusTest::unescape)
                .toList();
        }
    }

    private static String unescape(String line) {
        Matcher m = ESCAPE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }

    static Stream<String> corpus() throws IOException {
        return vectors().stream();
    }

    @Test
    void theCorpusHasAtLeastOneHundredDistinctVectors() throws IOException {
        assertThat(vectors()).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void asHtmlItExecutesNothing(String vector) {
        String out = XhtmlSanitizer.sanitize(vector);
        assertThat(ExecutesNothing.problems(out)).as("sanitised: %s", out).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void asAParsedXhtmlTreeItExecutesNothing(String vector) {
        XmlElement body = parse(vector);
        if (body == null) {
            // not well-formed XML: a server cannot deliver it as a tree; the HTML and text cases cover it
            return;
        }
        String out = XhtmlSanitizer.sanitize(body);
        assertThat(ExecutesNothing.problems(out)).as("sanitised: %s", out).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void asTextItStaysText(String vector) {
        XmlElement body = XmlElement.builder("http://www.w3.org/1999/xhtml", "body").child(new XmlText(vector)).build();
        String out = XhtmlSanitizer.sanitize(body);
        assertThat(out).doesNotContain("<");
        assertThat(ExecutesNothing.problems(out)).isEmpty();
    }

    @Test
    void aGoodShareOfTheCorpusIsWellFormedXmlSoTheTreePathIsExercised() throws IOException {
        long parsed = vectors().stream().filter(v -> parse(v) != null).count();
        assertThat(parsed).isGreaterThanOrEqualTo(40);
    }

    static XmlElement parse(String vector) {
        String doc = "<body xmlns='http://www.w3.org/1999/xhtml'>" + vector + "</body>";
        try {
            return XmlReader.create().read(doc.getBytes(StandardCharsets.UTF_8));
        } catch (XmlException | IllegalArgumentException e) {
            return null;
        }
    }
}
