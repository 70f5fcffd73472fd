package org.reactorxmpp.samples;

import java.security.SecureRandom;
import java.time.Duration;

import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * The README's demo: starts a throw-away Prosody on free loopback ports, asks it for a BOSH session
 * (XEP-0124 section 7, XEP-0206) and prints what it answered, then stops the server.
 *
 * <p>Run it with {@code ./mvnw -B -q -Pdemo -DskipTests package}. The request is built with the
 * library's XML model and written straight to bytes; the answer is parsed straight from the Netty
 * buffer by the library's secure reader.
 */
public final class Demo {

    private static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    private static final String XBOSH = "urn:xmpp:xbosh";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        try (ProsodyServer prosody = ProsodyServer.builder().users("user", 2, "secret").build()) {
            prosody.start();
            System.out.println("Prosody " + prosody.address() + " pid " + prosody.pid() + ", BOSH at " + prosody.boshUrl());

            XmlElement request = XmlElement.builder(HTTPBIND, "body")
                .attribute("content", "text/xml; charset=utf-8")
                .attribute("hold", 1)
                .attribute("rid", new SecureRandom().nextLong() >>> 12)
                .attribute("to", prosody.host())
                .attribute("ver", "1.11")
                .attribute("wait", 30)
                .attribute(XmlName.XML_LANG, "en")
                .attribute(XmlName.of(XBOSH, "version", "xmpp"), "1.0")
                .build();
            System.out.println("> " + request);

            byte[] wire = XmlWriter.toBytes(request);
            XmlElement answer = HttpClient.create()
                // a Content-Length, not chunked encoding: Prosody's HTTP server reads fixed-length bodies
                .headers(h -> h.set("Content-Type", "text/xml; charset=utf-8").setInt("Content-Length", wire.length))
                .post()
                .uri(prosody.boshUrl())
                .send(ByteBufFlux.fromInbound(reactor.core.publisher.Mono.just(Unpooled.wrappedBuffer(wire))))
                .responseSingle((response, body) -> body.map(buf -> XmlReader.create().read(new ByteBufInputStream(buf))))
                .block(Duration.ofSeconds(10));
            System.out.println("< " + answer);

            String sid = answer.attribute("sid");
            XmlElement features = answer.element("http://etherx.jabber.org/streams", "features");
            System.out.println();
            System.out.println("session id (sid) : " + sid);
            System.out.println("server limits    : requests=" + answer.attribute("requests") + " hold=" + answer.attribute("hold")
                + " wait=" + answer.attribute("wait") + " inactivity=" + answer.attribute("inactivity"));
            System.out.println("SASL mechanisms  : " + (features == null ? "none"
                : features.element("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms").elements().map(XmlElement::text).toList()));
            if (sid == null || features == null) {
                throw new IllegalStateException("the server did not open a BOSH session: " + answer);
            }
        }
        System.out.println("Prosody stopped. Done.");
    }
}
