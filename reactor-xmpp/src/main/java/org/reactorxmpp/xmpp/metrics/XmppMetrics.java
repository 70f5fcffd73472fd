package org.reactorxmpp.xmpp.metrics;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.reactorxmpp.xmpp.metrics.internal.ClientMeters;
import org.reactorxmpp.xmpp.metrics.internal.MeteredTransport;
import org.reactorxmpp.xmpp.metrics.internal.SessionWatch;
import org.reactorxmpp.xmpp.session.ClientObserver;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Micrometer metrics of a client's sessions, switched on with one builder call:
 *
 * <pre>{@code
 * MeterRegistry registry = ...;                      // Spring Boot's, Prometheus', a SimpleMeterRegistry
 * XmppClient client = XmppClient.builder()
 *     .jid("bot@example.com").password(secret)
 *     .transport(BoshTransport.builder().url(url).build())
 *     .observer(XmppMetrics.of(registry))            // xmpp.* meters, and Reactor Netty's HTTP client metrics
 *     .build();
 * }</pre>
 *
 * <p>Meters (all with the builder's common tags):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@code xmpp.sessions}</td><td>gauge</td><td>{@code state}</td><td>live sessions by connection state</td></tr>
 * <tr><td>{@code xmpp.stanzas}</td><td>counter</td><td>{@code direction} (in, out), {@code kind} (message, presence, iq)</td><td>stanzas received and sent</td></tr>
 * <tr><td>{@code xmpp.iq.latency}</td><td>timer</td><td>{@code outcome} (result, error)</td><td>from sending a get/set IQ to its answer</td></tr>
 * <tr><td>{@code xmpp.iq.timeouts}</td><td>counter</td><td></td><td>get/set IQs unanswered after {@link Builder#iqTimeout}</td></tr>
 * <tr><td>{@code xmpp.transport.connects}</td><td>timer</td><td>{@code outcome} (success, failure)</td><td>transport connection set-up (for BOSH the session creation request)</td></tr>
 * <tr><td>{@code xmpp.reconnect.attempts}</td><td>counter</td><td></td><td>reconnect attempts</td></tr>
 * <tr><td>{@code xmpp.reconnects}</td><td>counter</td><td></td><td>sessions connected again after a loss</td></tr>
 * <tr><td>{@code xmpp.failovers}</td><td>counter</td><td></td><td>connections to another candidate URL than the previous one</td></tr>
 * <tr><td>{@code xmpp.overflows}</td><td>counter</td><td>{@code direction} (in, out)</td><td>bounded transport buffers that overflowed</td></tr>
 * <tr><td>{@code xmpp.session.inbound.overflows}</td><td>counter</td><td></td><td>{@code inbound()} subscribers of a session whose own buffer ({@code inboundBufferSize}) overflowed</td></tr>
 * <tr><td>{@code xmpp.bosh.requests}</td><td>timer</td><td>{@code outcome} (answered, recoverable-error, failed, abandoned), {@code payload} (true, false)</td><td>BOSH HTTP exchanges, each attempt of each request, and their latency</td></tr>
 * <tr><td>{@code xmpp.bosh.resends}</td><td>counter</td><td>{@code reason} (timeout, http-5xx, connection, recoverable-error, reported-lost, unacknowledged)</td><td>BOSH requests sent again with the same rid</td></tr>
 * <tr><td>{@code xmpp.bosh.stalls}</td><td>counter</td><td></td><td>BOSH requests beyond hold left unanswered, with the held one, for the stall timeout</td></tr>
 * <tr><td>{@code xmpp.bosh.session.requests}, {@code xmpp.bosh.session.resends}</td><td>summary</td><td></td><td>per BOSH session, recorded when it ends</td></tr>
 * </table>
 * With {@link Builder#networkMetrics(boolean)} on (the default) the transports' network library records its own
 * metrics too ({@link Transport#withNetworkMetrics()}: for BOSH Reactor Netty's {@code reactor.netty.http.client.*},
 * with HTTP request counts and latencies), and the registry is added to Micrometer's global registry, where
 * Reactor Netty records.
 */
public final class XmppMetrics implements ClientObserver {

    private final ClientMeters meters;
    private final boolean networkMetrics;
    private final Duration iqTimeout;
    private final Scheduler timer;

    private XmppMetrics(Builder b) {
        this.meters = new ClientMeters(b.registry, b.tags);
        this.networkMetrics = b.networkMetrics;
        this.iqTimeout = b.iqTimeout;
        this.timer = b.timer;
        if (networkMetrics && b.registry != Metrics.globalRegistry && !Metrics.globalRegistry.getRegistries().contains(b.registry)) {
            Metrics.addRegistry(b.registry);
        }
    }

    /**
     * @param registry where the meters go
     * @return metrics with the defaults (network metrics on, IQ timeout 30 s, no common tags)
     */
    public static XmppMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * @param registry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public Transport transport(Transport transport) {
        Transport inner = networkMetrics ? transport.withNetworkMetrics() : transport;
        return new MeteredTransport(inner.withObserver(meters.transport()), meters, iqTimeout, timer);
    }

    @Override
    public void sessionStarted(XmppSession session) {
        SessionWatch.watch(session, meters);
    }

    @Override
    public void inboundOverflow(XmppSession session, int capacity) {
        meters.sessionOverflow();
    }

    @Override
    public String toString() {
        return "XmppMetrics{" + meters + ", networkMetrics=" + networkMetrics + ", iqTimeout=" + iqTimeout + "}";
    }

    /** Settings of {@link XmppMetrics}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private boolean networkMetrics = true;
        private Duration iqTimeout = Duration.ofSeconds(30);
        private Scheduler timer = Schedulers.parallel();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** @param extra tags on every meter (for example the application or tenant) @return this */
        public Builder tags(Iterable<Tag> extra) {
            this.tags = this.tags.and(extra);
            return this;
        }

        /**
         * @param enabled whether transports also record their network library's metrics (Reactor Netty's for
         *     BOSH) and the registry joins Micrometer's global registry, where those are recorded; default on
         * @return this
         */
        public Builder networkMetrics(boolean enabled) {
            this.networkMetrics = enabled;
            return this;
        }

        /**
         * @param timeout after how long an unanswered get/set IQ counts in {@code xmpp.iq.timeouts}; default 30 s,
         *     the session's default {@code requestTimeout}
         * @return this
         */
        public Builder iqTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("iqTimeout must be positive, was " + timeout);
            }
            this.iqTimeout = timeout;
            return this;
        }

        /** @param scheduler where IQ timeouts are timed; default {@code Schedulers.parallel()} @return this */
        public Builder timer(Scheduler scheduler) {
            this.timer = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @return the metrics */
        public XmppMetrics build() {
            return new XmppMetrics(this);
        }
    }
}
