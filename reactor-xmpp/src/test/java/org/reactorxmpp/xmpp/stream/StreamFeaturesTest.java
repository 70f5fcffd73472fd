package org.reactorxmpp.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class StreamFeaturesTest {

    private static XmlElement parse(String xml) {
        return XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsMechanismsInServerOrderAndCupHostnames() {
        StreamFeatures f = StreamFeatures.from(parse(
            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                + "<mechanism>SCRAM-SHA-1</mechanism><mechanism> PLAIN </mechanism>"
                + "<hostname>cup-home.example.com</hostname><hostname>cup-backup</hostname>"
                + "</mechanisms></stream:features>"));

        assertThat(f.offersSasl()).isTrue();
        assertThat(f.saslMechanisms()).containsExactly("SCRAM-SHA-1", "PLAIN");
        assertThat(f.saslHostnames()).containsExactly("cup-home.example.com", "cup-backup");
        assertThat(f.offersBind()).isFalse();
        assertThat(f.requiresSession()).isFalse();
    }

    @Test
    void bindAndMandatoryVersusOptionalSession() {
        StreamFeatures mandatory = StreamFeatures.from(parse(
            "<features xmlns='http://etherx.jabber.org/streams'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></features>"));
        StreamFeatures optional = StreamFeatures.from(parse(
            "<features xmlns='http://etherx.jabber.org/streams'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session></features>"));

        assertThat(mandatory.offersBind()).isTrue();
        assertThat(mandatory.requiresSession()).isTrue();
        assertThat(optional.requiresSession()).isFalse();
        assertThat(mandatory.offersSasl()).isFalse();
        assertThat(mandatory.saslMechanisms()).isEmpty();
        assertThat(mandatory.feature(Namespaces.BIND)).isPresent();
        assertThat(mandatory.feature("urn:xmpp:sm:3")).isEmpty();
    }

    @Test
    void refusesOtherElements() {
        assertThatThrownBy(() -> StreamFeatures.from(XmlElement.empty("jabber:client", "features")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("jabber:client");
    }
}
