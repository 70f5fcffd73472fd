package org.reactorxmpp.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;

class StreamErrorExceptionTest {

    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";

    @Test
    void readsConditionAndText() {
        XmlElement error = XmlElement.builder(STREAMS, "error")
            .child(XmlElement.empty(ERRORS, "conflict"))
            .textChild(ERRORS, "text", "Replaced by new connection")
            .build();
        StreamErrorException e = StreamErrorException.of(error);
        assertThat(e.condition()).isEqualTo("conflict");
        assertThat(e.text()).isEqualTo("Replaced by new connection");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("conflict").contains("Replaced");
        assertThat(e.element()).isEqualTo(error);
    }

    @Test
    void shutdownIsTransientAndMissingConditionIsUndefined() {
        assertThat(StreamErrorException.of(XmlElement.builder(STREAMS, "error")
            .child(XmlElement.empty(ERRORS, "system-shutdown")).build()).isTransient()).isTrue();
        assertThat(StreamErrorException.of(XmlElement.empty(STREAMS, "error")).condition())
            .isEqualTo("undefined-condition");
    }

    @Test
    void overflowNamesDirection() {
        TransportOverflowException e = new TransportOverflowException(TransportOverflowException.Direction.INBOUND, 16);
        assertThat(e.getMessage()).contains("inbound").contains("16");
        assertThat(e.isTransient()).isFalse();
        assertThat(new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND, 16).isTransient()).isTrue();
    }
}
