package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class TcpTransportBuilderTest {

    @Test
    void aUriGivesHostPortAndSecurity() {
        assertThat(TcpTransport.builder().url(URI.create("xmpp://xmpp.example.com")).build())
            .hasToString("TcpTransport[xmpp://xmpp.example.com:5222, STARTTLS_REQUIRED]");
        assertThat(TcpTransport.builder().url(URI.create("tcp://10.0.0.1:5333")).build())
            .hasToString("TcpTransport[xmpp://10.0.0.1:5333, STARTTLS_REQUIRED]");
        assertThat(TcpTransport.builder().url(URI.create("xmpps://xmpp.example.com")).build())
            .hasToString("TcpTransport[xmpp://xmpp.example.com:5223, DIRECT_TLS]");
    }

    @Test
    void otherSchemesAndMissingHostsAreRefused() {
        assertThatThrownBy(() -> TcpTransport.builder().url(URI.create("https://example.com/http-bind")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xmpp://");
        assertThatThrownBy(() -> TcpTransport.builder().build()).isInstanceOf(NullPointerException.class)
            .hasMessageContaining("host");
        assertThatThrownBy(() -> TcpTransport.builder().port(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TcpTransport.builder().outboundCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
