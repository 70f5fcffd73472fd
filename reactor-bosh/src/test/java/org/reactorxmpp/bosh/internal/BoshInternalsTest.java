package org.reactorxmpp.bosh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class BoshInternalsTest {

    private static XmlElement parse(String xml) {
        return XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sessionParametersReadTheCreationResponse() {
        // the session creation response of XEP-0124 section 7.2 (example 4), plus XEP-0206 attributes
        SessionParameters p = SessionParameters.parse(parse("<body wait='60' inactivity='30' polling='5'"
            + " requests='2' hold='1' ack='1573741820' accept='deflate,gzip' maxpause='120' sid='SomeSID'"
            + " charsets='ISO_8859-1 ISO-2022-JP' ver='1.11' from='example.com' secure='true'"
            + " xmlns='http://jabber.org/protocol/httpbind'/>"), Duration.ofSeconds(45), 1);
        assertThat(p.sid()).isEqualTo("SomeSID");
        assertThat(p.waitTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.inactivity()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.polling()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.requests()).isEqualTo(2);
        assertThat(p.hold()).isEqualTo(1);
        assertThat(p.ack()).isEqualTo(1573741820L);
        assertThat(p.accept()).isEqualTo("deflate,gzip");
        assertThat(p.maxpause()).isEqualTo(Duration.ofSeconds(120));
        assertThat(p.charsets()).isEqualTo("ISO_8859-1 ISO-2022-JP");
        assertThat(p.version()).isEqualTo("1.11");
        assertThat(p.from()).isEqualTo("example.com");
        assertThat(p.secure()).isTrue();
        assertThat(p.pollingMode()).isFalse();
    }

    @Test
    void sessionParametersDefaultWhatIsAbsentAndRefuseGarbage() {
        SessionParameters p = SessionParameters.parse(parse("<body sid='x' xmlns='http://jabber.org/protocol/httpbind'/>"),
            Duration.ofSeconds(45), 0);
        assertThat(p.waitTime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(p.hold()).isZero();
        assertThat(p.requests()).isEqualTo(1);
        assertThat(p.pollingMode()).isTrue();
        assertThat(p.inactivity()).isNull();
        assertThat(p.secure()).isFalse();
        assertThatThrownBy(() -> SessionParameters.parse(parse("<body sid='x' wait='soon' xmlns='http://jabber.org/protocol/httpbind'/>"),
            Duration.ofSeconds(45), 1)).hasMessageContaining("wait");
        assertThatThrownBy(() -> SessionParameters.parse(parse("<body xmlns='http://jabber.org/protocol/httpbind'/>"),
            Duration.ofSeconds(45), 1)).hasMessageContaining("sid");
    }

    @Test
    void bodiesEmbedPreSerializedPayloadsInTheHttpbindNamespace() {
        XmlElement message = XmlElement.builder("jabber:client", "message").attribute("to", "a@b").text("x<y").build();
        byte[] payload = BoshBodies.payload(message);
        byte[] body = BoshBodies.encode(BoshBodies.request("sid1", 42).build(), List.of(payload, payload));
        XmlElement parsed = parse(new String(body, StandardCharsets.UTF_8));
        assertThat(parsed.is(BoshBodies.HTTPBIND_NS, "body")).isTrue();
        assertThat(parsed.attribute("rid")).isEqualTo("42");
        assertThat(parsed.attribute("sid")).isEqualTo("sid1");
        assertThat(parsed.elements().toList()).containsExactly(message, message);
        assertThat(new String(BoshBodies.encode(BoshBodies.request("s", 1).build(), List.of()), StandardCharsets.UTF_8))
            .endsWith("/>");
    }

    @Test
    void restartBodyCarriesXmppRestart() {
        XmlElement restart = parse(new String(BoshBodies.encode(BoshBodies.restart("s", 7,
            org.reactorxmpp.xmpp.transport.StreamOpen.to("example.com").withLang("en")), List.of()), StandardCharsets.UTF_8));
        assertThat(restart.attribute(BoshBodies.XMPP_RESTART)).isEqualTo("true");
        assertThat(restart.attribute("to")).isEqualTo("example.com");
        assertThat(restart.children()).isEmpty();
    }

    @Test
    void wireLogRedactsSaslPayloads() {
        XmlElement body = parse("<body xmlns='http://jabber.org/protocol/httpbind'>"
            + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldABzZWNyZXQ=</auth>"
            + "<message xmlns='jabber:client'><body>visible</body></message></body>");
        String logged = WireLog.redact(body).toString();
        assertThat(logged).doesNotContain("AGp1bGlldABzZWNyZXQ=").contains("[redacted]").contains("visible")
            .contains("mechanism=\"PLAIN\"");
    }

    @Test
    void settingsRefuseInvalidValues() {
        assertThatThrownBy(() -> BoshTransport.builder().build()).hasMessageContaining("url");
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("ftp://x/")).build())
            .hasMessageContaining("http");
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://x/")).version("1.5").build())
            .hasMessageContaining("1.6");
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://x/")).wait(Duration.ofMillis(10)).build())
            .hasMessageContaining("wait");
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://x/")).hold(-1).build())
            .hasMessageContaining("hold");
    }
}
