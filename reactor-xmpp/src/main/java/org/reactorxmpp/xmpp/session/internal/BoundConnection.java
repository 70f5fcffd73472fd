package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectionDetails;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.transport.TransportConnection;

/**
 * One negotiated transport connection of a session: what a {@link Negotiation} produces and the
 * session runs on until it drops. Its {@link ElementQueue} holds what arrived during negotiation
 * until the session activates it.
 *
 * @param transport the open, authenticated, bound (or resumed) stream
 * @param jid the JID bound on it
 * @param features the features announced after authentication
 * @param candidate the candidate URL it runs on, or {@code null} with a single transport
 * @param queue its inbound elements
 * @param credentials what it authenticated with (already zeroed unless the session keeps them)
 * @param resumption whether it resumed the previous XMPP session (stream management), and the server's {@code h}
 */
record BoundConnection(TransportConnection transport, FullJid jid, StreamFeatures features,
                       @Nullable Candidate candidate, ElementQueue queue, SaslCredentials credentials,
                       Resumption resumption) {

    BoundConnection(TransportConnection transport, FullJid jid, StreamFeatures features,
                    @Nullable Candidate candidate, ElementQueue queue, SaslCredentials credentials) {
        this(transport, jid, features, candidate, queue, credentials, Resumption.NONE);
    }

    /**
     * What became of a stream-management resumption on this connection.
     *
     * @param resumed whether the server resumed the session ({@code <resumed/>})
     * @param h the server's count of our stanzas from {@code <resumed/>} or {@code <failed/>}, when it gave one
     */
    record Resumption(boolean resumed, @Nullable Long h) {
        static final Resumption NONE = new Resumption(false, null);
    }

    boolean resumed() {
        return resumption.resumed();
    }

    BoundConnection withTransport(TransportConnection other) {
        return new BoundConnection(other, jid, features, candidate, queue, credentials, resumption);
    }

    /** @return the prefix of its log lines: its JID and transport session id */
    Object logId() {
        return SessionLog.id(jid, () -> transport.sessionId().orElse(null));
    }

    ConnectionDetails details(int number) {
        return new ConnectionDetails(number, transport.details(), candidate == null ? null : candidate.url())
            .withResumed(resumed());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "BoundConnection{" + jid + (candidate == null ? "" : " via " + candidate.url())
            + (resumed() ? ", resumed" : "") + "}";
    }
}
