package org.reactorxmpp.bosh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class RepeatedBodyAttributesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void repeatsWithTheSameValueAreDroppedAndTheRestIsKeptByteForByte() {
        RepeatedBodyAttributes.Repaired r = RepeatedBodyAttributes.repair(utf8("<?xml version='1.0'?>\n<body"
            + " type='terminate' condition=\"remote-stream-error\" type = 'terminate' condition='remote-stream-error'"
            + " xmlns='http://jabber.org/protocol/httpbind'><x xmlns='y' a='1'>é</x></body>"));
        assertThat(r).isNotNull();
        assertThat(r.names()).containsExactly("type", "condition");
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo("<?xml version='1.0'?>\n<body"
            + " type='terminate' condition=\"remote-stream-error\""
            + " xmlns='http://jabber.org/protocol/httpbind'><x xmlns='y' a='1'>é</x></body>");
        XmlElement body = XmlReader.create().read(r.bytes());
        assertThat(body.attribute("type")).isEqualTo("terminate");
        assertThat(body.attribute("condition")).isEqualTo("remote-stream-error");
    }

    @Test
    void aStartTagWithoutRepeatsOrAnotherRootIsNotRepaired() {
        assertThat(RepeatedBodyAttributes.repair(utf8("<body xmlns='http://jabber.org/protocol/httpbind'><oops")))
            .isNull();
        assertThat(RepeatedBodyAttributes.repair(utf8("<html a='1' a='1'/>"))).isNull();
        assertThat(RepeatedBodyAttributes.repair(utf8("<body a='1"))).isNull();
        assertThat(RepeatedBodyAttributes.repair(utf8(""))).isNull();
    }

    @Test
    void aRepeatWithAnotherValueIsATypedProtocolViolation() {
        assertThatThrownBy(() -> RepeatedBodyAttributes.repair(utf8("<body sid='a' sid='b'/>")))
            .isInstanceOfSatisfying(BoshException.class,
                b -> assertThat(b.condition()).isEqualTo(BoshCondition.PROTOCOL_VIOLATION))
            .hasMessageContaining("'sid'").hasMessageContaining("'a'").hasMessageContaining("'b'");
    }
}
