package org.reactorxmpp.xmpp.session.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.sasl.SaslMechanismSelector;
import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Everything a connect attempt needs, validated by {@code XmppClient.Builder}. Not API.
 *
 * @param jid the account
 * @param password the password (the client's private copy; never exposed)
 * @param resource the requested resource, or {@code null} to let the server choose
 * @param transport how to reach the server; {@code null} when {@code failover} is set
 * @param selector the SASL mechanism selector
 * @param requestTimeout the default IQ request timeout
 * @param connectTimeout the limit for the transport and SASL phases
 * @param bindTimeout the limit for the bind phase (CAXL's bindRetryCountdown)
 * @param sendInitialPresence whether to send available presence before the session is handed out (and after each reconnect)
 * @param identity the disco identity
 * @param capabilityFeatures extra features advertised in disco and caps
 * @param capsNode the caps node URI
 * @param softwareName the XEP-0092 name
 * @param softwareVersion the XEP-0092 version
 * @param responders the enabled built-in responders
 * @param inboundBufferSize the per-subscriber inbound buffer, in stanzas
 * @param saslScheduler where the CPU-heavy SASL steps run
 * @param lang the stream's default language, or {@code null}
 * @param reconnect the reconnect policy
 * @param timerScheduler where the session's timers run (reconnect delays, request and phase
 *     timeouts), or {@code null} for {@link Schedulers#parallel()} looked up when a timer starts
 * @param offlineQueueSize how many sends and requests a reconnecting session queues between connections
 * @param failover the candidate URLs and their transports, or {@code null} for the single {@code transport}
 * @param streamManagement whether and how XEP-0198 stream management is used
 * @param observer told of what only the session sees (a subscriber's inbound overflow)
 */
public record SessionSettings(
    BareJid jid,
    char[] password,
    @Nullable String resource,
    @Nullable Transport transport,
    SaslMechanismSelector selector,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration bindTimeout,
    boolean sendInitialPresence,
    DiscoIdentity identity,
    List<String> capabilityFeatures,
    String capsNode,
    String softwareName,
    String softwareVersion,
    Set<BuiltInResponder> responders,
    int inboundBufferSize,
    Scheduler saslScheduler,
    @Nullable String lang,
    Reconnect reconnect,
    @Nullable Scheduler timerScheduler,
    int offlineQueueSize,
    @Nullable FailoverSettings failover,
    StreamManagement streamManagement,
    org.reactorxmpp.xmpp.session.ClientObserver observer) {

    /** @return where the session's timers run */
    public Scheduler timer() {
        Scheduler s = timerScheduler;
        return s != null ? s : Schedulers.parallel();
    }

    @Override
    public String toString() {
        return "SessionSettings{jid=" + jid + ", resource=" + resource + ", transport=" + transport
            + ", selector=" + selector + "}";
    }
}
