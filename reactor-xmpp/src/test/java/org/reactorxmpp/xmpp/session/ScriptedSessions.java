package org.reactorxmpp.xmpp.session;

import java.util.List;

import reactor.core.scheduler.Schedulers;

/** Clients over a {@link FakeTransport} whose connections each talk to a new {@link ScriptedServer}. */
final class ScriptedSessions {

    private ScriptedSessions() {
    }

    /**
     * @param servers receives the scripted server of each connection, in order
     * @return the transport
     */
    static FakeTransport transport(List<ScriptedServer> servers) {
        return new FakeTransport(false, c -> {
            ScriptedServer s = new ScriptedServer(c);
            servers.add(s);
            return s;
        });
    }

    /**
     * @param transport the transport
     * @return a builder for juliet over it, SASL on the caller's thread, without initial presence
     */
    static XmppClient.Builder client(FakeTransport transport) {
        return XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false);
    }
}
