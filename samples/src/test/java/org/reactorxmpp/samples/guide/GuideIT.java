package org.reactorxmpp.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/** Runs the guide's examples that can run, against a local Prosody (docs/getting-started.md, docs/testing.md). */
class GuideIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theGettingStartedClientLogsInAndPingsTheServer() {
        Assumptions.assumeTrue(ProsodyServer.isInstalled() || "true".equals(System.getenv("CI")),
            "Prosody is not installed: apt-get install -y prosody");
        Iq pong = againstProsody();
        assertThat(pong.type()).isEqualTo(Iq.Type.RESULT);
    }

    static Iq againstProsody() {
        // tag::prosody[]
        try (ProsodyServer prosody = ProsodyServer.builder().users("user", 2, "secret").build()) {
            prosody.start();                                  // free loopback ports, ~0.2 s
            XmppClient client = XmppClient.builder().jid("user1@" + prosody.host()).password("secret")
                .transport(BoshTransport.builder().url(prosody.boshUrl()).build()).build();
            return GettingStarted.ping(client).block(TIMEOUT);   // the code under test; block() only in tests
        }                                                     // the server stops here, by its PID
        // end::prosody[]
    }
}
