package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecentTextsTest {

    private static String of(String s) {
        char[] padded = ("<<" + s + ">>").toCharArray();
        return RecentTexts.of(padded, 2, s.length());
    }

    @Test
    void theSameShortTextIsOneString() {
        String first = of("Friends");
        assertThat(first).isEqualTo("Friends");
        assertThat(of("Friends")).isSameAs(first);
        assertThat(of("")).isEmpty();
    }

    @Test
    void textsThatCollideStayThemselves() {
        // "Aa" and "BB" have the same hash: they share a bucket, and each call still gets its own text
        for (int i = 0; i < 3; i++) {
            assertThat(of("Aa")).isEqualTo("Aa");
            assertThat(of("BB")).isEqualTo("BB");
            assertThat(of("Ab")).isEqualTo("Ab");
        }
    }

    @Test
    void textsFromBytesAndFromCharsShareTheirEntry() {
        byte[] padded = "<<Verona 3>>".getBytes(StandardCharsets.US_ASCII);
        String fromBytes = RecentTexts.of(padded, 2, 8);
        assertThat(fromBytes).isEqualTo("Verona 3");
        assertThat(of("Verona 3")).isSameAs(fromBytes);
        assertThat(RecentTexts.of(padded, 2, 8)).isSameAs(fromBytes);
        assertThat(RecentTexts.of(padded, 2, 7)).isEqualTo("Verona ");
    }

    @Test
    void aReadTreeSharesRepeatedShortTextsAndKeepsLongOnes() {
        String item = "<item><group>Friends</group><note>" + "n".repeat(RecentTexts.MAX_LENGTH + 1) + "</note></item>";
        XmlElement q = XmlReader.create().read(("<q>" + item + item + "</q>").getBytes(StandardCharsets.UTF_8));
        XmlElement a = q.elements().toList().get(0);
        XmlElement b = q.elements().toList().get(1);
        assertThat(a).isEqualTo(b);
        XmlName group = XmlName.of("", "group");
        XmlName note = XmlName.of("", "note");
        assertThat(a.childText(group)).isSameAs(b.childText(group));
        assertThat(a.childText(note)).isNotSameAs(b.childText(note)).isEqualTo(b.childText(note));
    }
}
