package org.reactorxmpp.xmpp.metrics.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.ConnectionState;

/** Every meter of one {@code XmppMetrics}, registered once and shared by its sessions and connections. */
public final class ClientMeters {

    /** The stanza kinds counted. */
    public enum Kind { MESSAGE, PRESENCE, IQ }

    private final Tags tags;
    private final Map<ConnectionState.Kind, AtomicInteger> sessions = new EnumMap<>(ConnectionState.Kind.class);
    private final Counter[] in = new Counter[Kind.values().length];
    private final Counter[] out = new Counter[Kind.values().length];
    private final Timer iqResult;
    private final Timer iqError;
    private final Counter iqTimeouts;
    private final Timer connectSuccess;
    private final Timer connectFailure;
    private final Counter reconnectAttempts;
    private final Counter reconnects;
    private final Counter failovers;
    private final Counter overflowIn;
    private final Counter overflowOut;
    private final Counter sessionOverflows;
    private final TransportMeters transport;

    /**
     * @param registry where the meters go
     * @param tags the common tags
     */
    public ClientMeters(MeterRegistry registry, Tags tags) {
        this.tags = tags;
        for (ConnectionState.Kind kind : ConnectionState.Kind.values()) {
            if (kind == ConnectionState.Kind.DISCONNECTED) {
                continue;                      // ended sessions are not live sessions
            }
            AtomicInteger count = new AtomicInteger();
            sessions.put(kind, count);
            Gauge.builder("xmpp.sessions", count, AtomicInteger::get).tags(tags).tag("state", lower(kind))
                .description("live sessions by connection state").register(registry);
        }
        for (Kind kind : Kind.values()) {
            in[kind.ordinal()] = stanzas(registry, "in", kind);
            out[kind.ordinal()] = stanzas(registry, "out", kind);
        }
        iqResult = iqTimer(registry, "result");
        iqError = iqTimer(registry, "error");
        iqTimeouts = Counter.builder("xmpp.iq.timeouts").tags(tags)
            .description("get/set IQs unanswered after the metrics' IQ timeout").register(registry);
        connectSuccess = connectTimer(registry, "success");
        connectFailure = connectTimer(registry, "failure");
        reconnectAttempts = Counter.builder("xmpp.reconnect.attempts").tags(tags).register(registry);
        reconnects = Counter.builder("xmpp.reconnects").tags(tags)
            .description("sessions connected again after a lost connection").register(registry);
        failovers = Counter.builder("xmpp.failovers").tags(tags)
            .description("connections to another candidate URL than the previous one").register(registry);
        overflowIn = Counter.builder("xmpp.overflows").tags(tags).tag("direction", "in").register(registry);
        overflowOut = Counter.builder("xmpp.overflows").tags(tags).tag("direction", "out").register(registry);
        sessionOverflows = Counter.builder("xmpp.session.inbound.overflows").tags(tags)
            .description("inbound() subscribers of a session whose own buffer overflowed").register(registry);
        transport = new TransportMeters(registry, tags);
    }

    private Counter stanzas(MeterRegistry registry, String direction, Kind kind) {
        return Counter.builder("xmpp.stanzas").tags(tags).tag("direction", direction).tag("kind", lower(kind))
            .description("stanzas received and sent").register(registry);
    }

    private Timer iqTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("xmpp.iq.latency").tags(tags).tag("outcome", outcome)
            .description("from sending a get/set IQ to its answer").register(registry);
    }

    private Timer connectTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("xmpp.transport.connects").tags(tags).tag("outcome", outcome)
            .description("transport connection set-up").register(registry);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    void stanzaIn(Kind kind) {
        in[kind.ordinal()].increment();
    }

    void stanzaOut(Kind kind) {
        out[kind.ordinal()].increment();
    }

    void iqAnswered(boolean error, long nanos) {
        (error ? iqError : iqResult).record(nanos, TimeUnit.NANOSECONDS);
    }

    void iqTimedOut() {
        iqTimeouts.increment();
    }

    void connected(boolean success, long nanos) {
        (success ? connectSuccess : connectFailure).record(nanos, TimeUnit.NANOSECONDS);
    }

    void overflow(boolean inbound) {
        (inbound ? overflowIn : overflowOut).increment();
    }

    /** An {@code inbound()} subscriber of a session let its buffer fill. */
    public void sessionOverflow() {
        sessionOverflows.increment();
    }

    /** @return what transports report to */
    public TransportMeters transport() {
        return transport;
    }

    void state(ConnectionState.@Nullable Kind previous, ConnectionState.Kind next) {
        if (previous != null && sessions.containsKey(previous)) {
            sessions.get(previous).decrementAndGet();
        }
        if (sessions.containsKey(next)) {
            sessions.get(next).incrementAndGet();
        }
    }

    void reconnectAttempt() {
        reconnectAttempts.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    void failover() {
        failovers.increment();
    }

    @Override
    public String toString() {
        return "ClientMeters" + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).toList();
    }
}
