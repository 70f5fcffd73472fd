package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.failover.FailoverSignal;
import org.reactorxmpp.xmpp.failover.FailoverSignals;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

/** How BOSH terminal conditions steer failover when a client has several candidate URLs. */
class BoshFailoverSignalTest {

    private static final URI CURRENT = URI.create("https://cup1.example.com/httpbinding");

    private static XmlElement streamError(String condition) {
        return XmlReader.create().read(("<stream:error xmlns:stream='http://etherx.jabber.org/streams'><" + condition
            + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void seeOtherUriRedirectsOnlyWhenTheUriMayBeFollowed() {
        URI same = URI.create("https://cup1.example.com:8443/httpbinding");
        assertThat(BoshException.terminated("see-other-uri", same, null).failoverSignal(CURRENT))
            .contains(FailoverSignal.redirect(same));
        // another node of the same domain: only for a transport with the seeOtherUriSameSite opt-in
        URI sibling = URI.create("https://cup2.example.com/httpbinding");
        assertThat(BoshException.terminated("see-other-uri", sibling, null).failoverSignal(CURRENT)).isEmpty();
        assertThat(BoshException.terminated("see-other-uri", sibling, null, true).failoverSignal(CURRENT))
            .contains(FailoverSignal.redirect(sibling));
        // a downgrade from https is never followed: the error then means nothing special
        URI downgrade = URI.create("http://cup2.example.com/httpbinding");
        assertThat(BoshException.terminated("see-other-uri", downgrade, null).failoverSignal(CURRENT)).isEmpty();
    }

    @Test
    void systemShutdownAndHostGoneMoveToTheNextNode() {
        assertThat(BoshException.terminated("system-shutdown", null, null).failoverSignal(CURRENT))
            .contains(FailoverSignal.nodeDown());
        assertThat(BoshException.terminated("host-gone", null, null).failoverSignal(CURRENT))
            .contains(FailoverSignal.nodeDown());
        assertThat(BoshException.terminated("item-not-found", null, null).failoverSignal(CURRENT)).isEmpty();
        assertThat(BoshException.httpStatus(404).failoverSignal(CURRENT)).isEmpty();
    }

    @Test
    void wrappedStreamErrorsKeepTheirMeaning() {
        assertThat(BoshException.terminated("remote-stream-error", null, streamError("conflict")).failoverSignal(CURRENT))
            .contains(FailoverSignal.stop());
        assertThat(BoshException.terminated("remote-stream-error", null, streamError("system-shutdown"))
            .failoverSignal(CURRENT)).contains(FailoverSignal.nodeDown());
    }

    @Test
    void theDefaultSignalsReadTheCarrierInACauseChain() {
        URI target = URI.create("https://cup1.example.com/other-binding");
        RuntimeException wrapped = new RuntimeException("session lost",
            BoshException.terminated("see-other-uri", target, null));
        assertThat(FailoverSignals.defaults().signal(wrapped, CURRENT)).contains(FailoverSignal.redirect(target));
    }
}
