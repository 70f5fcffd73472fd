package org.reactorxmpp.xmpp.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** The XEP-0198 counters are unsigned 32-bit values that wrap to 0. */
class AckQueueTest {

    private static SmEntry entry(int i) {
        return new SmEntry(XmlElement.builder("jabber:client", "message").attribute("id", "m" + i).build(), null);
    }

    @Test
    void sequenceNumbersAndAcknowledgementsWrapAt2To32() {
        AckQueue queue = new AckQueue(0xFFFF_FFFEL);
        List<SmEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SmEntry e = entry(i);
            entries.add(e);
            queue.add(e);
        }
        assertThat(entries).extracting(SmEntry::seq).containsExactly(0xFFFF_FFFFL, 0L, 1L, 2L);
        assertThat(queue.sent()).isEqualTo(2);

        assertThat(queue.ack(1)).containsExactly(entries.get(0), entries.get(1), entries.get(2));
        assertThat(queue.acked()).isEqualTo(1);
        assertThat(queue.ack(1)).as("the same h again acknowledges nothing").isEmpty();
        assertThat(queue.ack(2)).containsExactly(entries.get(3));
        assertThat(queue.size()).isZero();
    }

    @Test
    void anHBeyondWhatWasSentIsRefused() {
        AckQueue queue = new AckQueue(0xFFFF_FFFFL);
        queue.add(entry(1));
        assertThatThrownBy(() -> queue.ack(1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("acknowledged 2 stanzas");
        assertThat(queue.ack(0)).hasSize(1);
    }

    @Test
    void countersAreWrittenAndReadAsUnsigned32BitValues() {
        assertThat(SmElements.answer(0x1_0000_0002L).attribute("h")).isEqualTo("2");
        assertThat(SmElements.h(SmElements.answer(0xFFFF_FFFFL))).isEqualTo(0xFFFF_FFFFL);
        assertThat(SmElements.h(XmlElement.builder(SmElements.NS, "a").attribute("h", "4294967296").build())).isNull();
        assertThat(SmElements.h(XmlElement.builder(SmElements.NS, "a").attribute("h", "-1").build())).isNull();
    }
}
