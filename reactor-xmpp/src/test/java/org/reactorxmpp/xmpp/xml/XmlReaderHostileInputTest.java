package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input: each case must end in the right typed {@link XmlException}, having read
 * only a bounded part of the input.
 */
class XmlReaderHostileInputTest {

    private static final XmlReader READER = XmlReader.create();

    private static XmlException refuse(XmlReader reader, String xml) {
        return refuse(reader, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlException refuse(XmlReader reader, byte[] xml) {
        XmlException e = catchThrowableOfType(XmlException.class, () -> reader.read(xml));
        assertThat(e).as("refused").isNotNull();
        // the other entry points agree
        XmlException fromStream = catchThrowableOfType(XmlException.class, () -> reader.read(new ByteArrayInputStream(xml)));
        assertThat(fromStream).isNotNull();
        assertThat(fromStream.reason()).isEqualTo(e.reason());
        ByteBuffer direct = ByteBuffer.allocateDirect(xml.length).put(xml).flip();
        XmlException fromDirect = catchThrowableOfType(XmlException.class, () -> reader.read(direct));
        assertThat(fromDirect).isNotNull();
        assertThat(fromDirect.reason()).isEqualTo(e.reason());
        return e;
    }

    private static void assertReason(XmlException e, XmlException.Reason reason) {
        assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
    }

    // --- entities and DTDs -----------------------------------------------------------------------

    @Test
    void externalEntityIsRefusedAndTheFileNeverAppears() throws IOException {
        String xml = "<?xml version='1.0'?>\n"
            + "<!DOCTYPE message [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<message xmlns='jabber:client'><body>&xxe;</body></message>";
        XmlException e = refuse(READER, xml);
        assertReason(e, XmlException.Reason.RESTRICTED);
        assertThat(e.getMessage()).contains("document type declaration");
        Path passwd = Path.of("/etc/passwd");
        if (Files.isReadable(passwd)) {
            String firstLine = Files.readAllLines(passwd).stream().findFirst().orElse("root:x:0:0");
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(firstLine).doesNotContain("root:");
            }
        }
    }

    @Test
    void parameterEntityAndExternalDtdAreRefused() {
        assertReason(refuse(READER, "<!DOCTYPE a [<!ENTITY % p SYSTEM 'file:///etc/passwd'> %p;]><a/>"),
            XmlException.Reason.RESTRICTED);
        assertReason(refuse(READER, "<!DOCTYPE a SYSTEM 'http://127.0.0.1:9/evil.dtd'><a/>"),
            XmlException.Reason.RESTRICTED);
        assertReason(refuse(READER, "<!DOCTYPE a><a/>"), XmlException.Reason.RESTRICTED);
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        sb.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<lolz a='&lol9;'>&lol9;</lolz>");
        assertReason(refuse(READER, sb.toString()), XmlException.Reason.RESTRICTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a>&xxe;</a>", "<a x='&xxe;'/>", "<a>&nbsp;</a>", "<a x='ok &amp; &bad;'/>"})
    void undeclaredEntityReferencesAreRefused(String xml) {
        XmlException e = refuse(READER, xml);
        assertReason(e, XmlException.Reason.RESTRICTED);
        assertThat(e.getMessage()).containsAnyOf("xxe", "nbsp", "bad").contains("line 1");
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreAccepted() {
        XmlElement e = READER.read("<a x='&lt;&amp;&gt;&quot;&apos;'>&lt;&amp;&gt;&quot;&apos;&#65;&#x1F600;</a>"
            .getBytes(StandardCharsets.UTF_8));
        assertThat(e.attribute("x")).isEqualTo("<&>\"'");
        assertThat(e.text()).isEqualTo("<&>\"'A\uD83D\uDE00");
    }

    // --- restricted constructs -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"<a><?evil x?></a>", "<?xml-stylesheet href='x.xsl'?><a/>", "<a/><?pi?>",
        "<a><!-- hidden --></a>", "<!-- c --><a/>", "<a/><!-- c -->"})
    void processingInstructionsAndCommentsAreRefused(String xml) {
        XmlException e = refuse(READER, xml);
        assertReason(e, XmlException.Reason.RESTRICTED);
        assertThat(e.getMessage()).containsAnyOf("processing instruction", "comment").contains("RFC 6120");
    }

    // --- limits ----------------------------------------------------------------------------------

    @Test
    void deepNestingIsRefused() {
        byte[] xml = ("<a>".repeat(10_000) + "</a>".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(xml));
        XmlException e = catchThrowableOfType(XmlException.class, () -> READER.read(in));
        assertReason(e, XmlException.Reason.DEPTH_LIMIT);
        assertThat(e.getMessage()).contains("64").contains("line 1, column");
        assertThat(in.count).isLessThan(xml.length / 2);
        assertReason(refuse(READER, xml), XmlException.Reason.DEPTH_LIMIT);
    }

    @Test
    void depthLimitBoundary() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxDepth(8).build());
        XmlElement ok = reader.read(("<a>".repeat(8) + "</a>".repeat(8)).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.localName()).isEqualTo("a");
        assertReason(refuse(reader, "<a>".repeat(9) + "</a>".repeat(9)), XmlException.Reason.DEPTH_LIMIT);
    }

    @Test
    void hundredMegabyteTextNodeIsRefusedAfterReadingLittle() {
        long size = 100L << 20;
        GeneratingInputStream in = new GeneratingInputStream("<message xmlns='jabber:client'><body>", size,
            "</body></message>");
        XmlException e = catchThrowableOfType(XmlException.class, () -> READER.read(in));
        assertReason(e, XmlException.Reason.TEXT_LIMIT);
        // the default text limit is 1 MiB of chars: reading stops soon after it, far before 100 MB
        assertThat(in.produced).isGreaterThan(XmlLimits.DEFAULTS.maxTextLength()).isLessThan(4L << 20);
    }

    @Test
    void endlessInputStopsAtTheSizeLimit() {
        XmlLimits limits = XmlLimits.builder().maxTextLength(64 << 20).maxDocumentSize(1 << 20).build();
        GeneratingInputStream in = new GeneratingInputStream("<body xmlns='http://jabber.org/protocol/httpbind'>",
            100L << 20, "</body>");
        XmlException e = catchThrowableOfType(XmlException.class, () -> XmlReader.create(limits).read(in));
        assertReason(e, XmlException.Reason.SIZE_LIMIT);
        // never more than one byte past the limit is asked from the source
        assertThat(in.produced).isEqualTo((1 << 20) + 1);
    }

    @Test
    void sizeLimitIsExactForEveryEntryPoint() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxDocumentSize(100).build());
        String exact = "<a>" + "x".repeat(100 - 7) + "</a>";
        assertThat(exact).hasSize(100);
        assertThat(reader.read(exact.getBytes(StandardCharsets.UTF_8)).text()).hasSize(93);
        assertThat(reader.read(new ByteArrayInputStream(exact.getBytes(StandardCharsets.UTF_8))).text()).hasSize(93);
        XmlException e = refuse(reader, "<a>" + "x".repeat(94) + "</a>");
        assertReason(e, XmlException.Reason.SIZE_LIMIT);
        assertThat(e.getMessage()).contains("100");
    }

    @Test
    void textSplitAcrossCdataSectionsStillCountsAsOneNode() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxTextLength(10_000).build());
        String xml = "<a>" + ("y".repeat(900) + "<![CDATA[z]]>").repeat(20) + "</a>";
        assertReason(refuse(reader, xml), XmlException.Reason.TEXT_LIMIT);
        String fits = "<a>" + ("y".repeat(900) + "<![CDATA[z]]>").repeat(10) + "</a>";
        assertThat(reader.read(fits.getBytes(StandardCharsets.UTF_8)).text()).hasSize(9010);
    }

    @Test
    void longAttributeValueIsRefused() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxTextLength(1000).build());
        assertReason(refuse(reader, "<a v='" + "x".repeat(1001) + "'/>"), XmlException.Reason.TEXT_LIMIT);
        assertThat(reader.read(("<a v='" + "x".repeat(1000) + "'/>").getBytes(StandardCharsets.UTF_8)).attribute("v"))
            .hasSize(1000);
    }

    @Test
    void manyAttributesAreRefused() {
        StringBuilder sb = new StringBuilder("<a");
        for (int i = 0; i < 10_000; i++) {
            sb.append(" a").append(i).append("='v'");
        }
        XmlException e = refuse(READER, sb.append("/>").toString());
        assertReason(e, XmlException.Reason.ATTRIBUTE_LIMIT);
        assertThat(e.getMessage()).contains("128");
    }

    @Test
    void attributeLimitBoundary() {
        XmlReader reader = XmlReader.create(XmlLimits.builder().maxAttributes(3).build());
        assertThat(reader.read("<a x='1' y='2' z='3'/>".getBytes(StandardCharsets.UTF_8)).attributes()).hasSize(3);
        // namespace declarations are not attributes and do not count
        assertThat(reader.read("<a xmlns='urn:a' xmlns:p='urn:p' x='1' y='2' p:z='3'/>"
            .getBytes(StandardCharsets.UTF_8)).attributes()).hasSize(3);
        assertReason(refuse(reader, "<a x='1' y='2' z='3' w='4'/>"), XmlException.Reason.ATTRIBUTE_LIMIT);
    }

    // --- malformed -------------------------------------------------------------------------------

    @Test
    void invalidUtf8IsMalformed() {
        byte[][] cases = {
            bytes("<a>", new byte[] {(byte) 0xC3, 0x28}, "</a>"),          // bad continuation byte
            bytes("<a>", new byte[] {(byte) 0xC0, (byte) 0x80}, "</a>"),   // overlong NUL
            bytes("<a>", new byte[] {(byte) 0xFF}, "</a>"),                // never valid
            bytes("<a>", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "</a>"), // encoded surrogate
            bytes("<a x='", new byte[] {(byte) 0xE2, (byte) 0x82}, "'/>"), // truncated sequence
        };
        for (byte[] xml : cases) {
            XmlException e = refuse(READER, xml);
            assertReason(e, XmlException.Reason.MALFORMED);
            assertThat(e.getMessage()).as(Arrays.toString(xml)).startsWith("malformed XML");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a/><b/>", "<a></a><a></a>", "<a/>trailing"})
    void secondRootElementIsMalformed(String xml) {
        XmlException e = refuse(READER, xml);
        assertReason(e, XmlException.Reason.MALFORMED);
        assertThat(e.getMessage()).contains("line 1, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<message xmlns='jabber:client'><body>hi</body>", "<a", "<a x='1", "<a><b></b>",
        "", "   ", "<?xml version='1.0'?>"})
    void truncatedDocumentIsMalformed(String xml) {
        assertReason(refuse(READER, xml), XmlException.Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p:a/>", "<a p:x='1'/>", "<a></b>", "<a x='1' x='2'/>", "<a>&#0;</a>", "<a>&#x1;</a>",
        "<a>\u0001</a>", "<a><</a>", "<a>]]></a>", "<1a/>", "<a xmlns:p='urn:p' p:x='1' xmlns:q='urn:p' q:x='2'/>",
        "<a xmlns:xml='urn:not-xml'/>"})
    void notWellFormedIsMalformed(String xml) {
        XmlException e = refuse(READER, xml);
        assertReason(e, XmlException.Reason.MALFORMED);
        assertThat(e.getMessage()).startsWith("malformed XML: ");
    }

    @Test
    void nonUtf8EncodingsAreRefused() {
        assertReason(refuse(READER, "<?xml version='1.0' encoding='ISO-8859-1'?><a/>"), XmlException.Reason.MALFORMED);
        byte[] utf16 = "<a/>".getBytes(StandardCharsets.UTF_16);  // with a BOM
        assertReason(refuse(READER, utf16), XmlException.Reason.MALFORMED);
        assertReason(refuse(READER, "<?xml version='1.1'?><a/>"), XmlException.Reason.MALFORMED);
        // UTF-8, declared or with a BOM, is fine
        assertThat(READER.read("<?xml version='1.0' encoding='utf-8'?><a/>".getBytes(StandardCharsets.UTF_8)).localName())
            .isEqualTo("a");
        assertThat(READER.read(bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "<a/>")).localName())
            .isEqualTo("a");
    }

    // --- I/O -------------------------------------------------------------------------------------

    @Test
    void failingInputStreamIsIo() {
        IOException boom = new IOException("connection reset");
        InputStream failing = new SequenceInputStream(
            new ByteArrayInputStream("<body xmlns='http://jabber.org/protocol/httpbind'><message>".getBytes(StandardCharsets.UTF_8)),
            new InputStream() {
                @Override
                public int read() throws IOException {
                    throw boom;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw boom;
                }
            });
        XmlException e = catchThrowableOfType(XmlException.class, () -> READER.read(failing));
        assertReason(e, XmlException.Reason.IO);
        assertThat(e).hasMessageContaining("connection reset").hasCause(boom);
    }

    @Test
    void failingInputStreamAtTheStartIsIo() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("nope");
            }
        };
        XmlException e = catchThrowableOfType(XmlException.class, () -> READER.read(failing));
        assertReason(e, XmlException.Reason.IO);
    }

    @Test
    void readerDoesNotCloseTheCallersStream() {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        READER.read(in);
        assertThat(closed[0]).isFalse();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static byte[] bytes(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(middle, 0, out, h.length, middle.length);
        System.arraycopy(t, 0, out, h.length + middle.length, t.length);
        return out;
    }

    /** Produces a head, then {@code fill} bytes of 'a' generated on demand, then a tail; counts what it produced. */
    private static final class GeneratingInputStream extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long total;
        long produced;

        GeneratingInputStream(String head, long fill, String tail) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.tail = tail.getBytes(StandardCharsets.UTF_8);
            this.total = this.head.length + fill + this.tail.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (produced >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - produced);
            for (int i = 0; i < n; i++) {
                long p = produced + i;
                if (p < head.length) {
                    b[off + i] = head[(int) p];
                } else if (p >= total - tail.length) {
                    b[off + i] = tail[(int) (p - (total - tail.length))];
                } else {
                    b[off + i] = 'a';
                }
            }
            produced += n;
            return n;
        }
    }

    private static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long count;

        CountingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
