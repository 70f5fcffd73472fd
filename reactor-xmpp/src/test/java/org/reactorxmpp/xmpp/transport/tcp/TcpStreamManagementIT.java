package org.reactorxmpp.xmpp.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.xmpp.testing.FaultProxy;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.StreamManagementCuts;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/**
 * Stream management (XEP-0198) over TCP: a fault proxy cuts the sender's connection 100 times during a
 * 10,000-message flood, at evenly spaced points of what was written (cuts may fall during a reconnect). Asserted: nothing
 * lost, nothing reordered, and at least one reconnect resumed. Not yet asserted, because it does not hold every
 * run (issue 16 stays open for it): no duplicates and a resume after every cut. Measured at 37f5e6a: Prosody
 * 17,962 duplicated with 6 resumes and 49 new sessions, ejabberd 214 duplicated with 5 resumes, an {@code <a h/>}
 * one above the client's count (the unavailable presence of the close went out uncounted) and cuts bunched up
 * during reconnects. With the close counting its presence and the cuts waiting for a resumable connection,
 * measured on a loaded machine: Prosody 0 duplicated, 97 resumes, 3 new sessions; ejabberd 137 duplicated (0 to 371
 * over four runs) with 100 resumes, not explained yet (what is written again after {@code <resumed h/>} had
 * already been delivered). That fairer schedule (wait for each reconnect to be resumable before the next cut) hung
 * for minutes in one full-suite run on an idle stream and was taken back out of {@code StreamManagementCuts} until
 * that is understood.
 */
@OnBothServers
class TcpStreamManagementIT {

    @Parameter
    XmppTestServer server;

    @Test
    void aHundredCutsDuringATenThousandMessageFloodLoseDuplicateAndReorderNothing() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.address(), server.c2sPort())) {
            StreamManagementCuts.Result r = StreamManagementCuts.run(server, proxy,
                p -> TcpTransport.builder().host("127.0.0.1").port(p.port()).security(TcpTransport.Security.NONE)
                    .build(),
                s -> TcpTransport.builder().host(s.address()).port(s.c2sPort()).security(TcpTransport.Security.NONE)
                    .build(),
                10_000, 100, FaultProxy::cut);
            System.out.printf("%s, TCP, 100 cuts: %s, proxy saw %d cuts%n", server.name(), r, proxy.cuts());
            assertThat(r.lost()).as("lost").isZero();
            assertThat(r.reordered()).as("reordered").isZero();
            assertThat(r.resumed()).as("reconnects that resumed").isPositive();
        }
    }
}
