package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class XmlCursorTest {

    private static final String OPEN = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' to='localhost'"
        + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    private static final String STANZA = "<message xmlns='jabber:client' to='b@localhost' type='chat' id='x>1'>"
        + "<body>m1</body></message>";

    private static XmlCursor fed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new XmlCursor().feed(b, 0, b.length);
    }

    @Test
    void completeElementsEndBetweenStanzasAcrossARestart() {
        assertThat(fed(OPEN + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGE=</auth>" + OPEN
            + STANZA + "<r xmlns='urn:xmpp:sm:3'/>" + STANZA).betweenStanzas()).isTrue();
    }

    @Test
    void everyProperPrefixOfAStanzaIsInsideIt() {
        for (int i = 1; i < STANZA.length(); i++) {
            XmlCursor c = fed(OPEN + STANZA.substring(0, i));
            assertThat(c.betweenStanzas()).as("cut after %d: %s", i, STANZA.substring(0, i)).isFalse();
        }
        assertThat(fed(OPEN + STANZA).betweenStanzas()).isTrue();
    }

    @Test
    void aCutInsideATagAndOneBetweenTagsOfAStanzaAreTold() {
        XmlCursor inTag = fed(OPEN + "<message to='b@loc");
        assertThat(inTag.inTag()).isTrue();
        XmlCursor inBody = fed(OPEN + "<message to='b'><body>m1");
        assertThat(inBody.inTag()).isFalse();
        assertThat(inBody.depth()).isEqualTo(2);
        assertThat(inBody.tail()).endsWith("<body>m1");
    }

    @Test
    void theClosingTagEndsTheStream() {
        assertThat(fed(OPEN + STANZA + "</stream:stream>").depth()).isEqualTo(-1);
    }
}
