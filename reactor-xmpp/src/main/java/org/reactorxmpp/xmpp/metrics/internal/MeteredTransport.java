package org.reactorxmpp.xmpp.metrics.internal;

import java.time.Duration;

import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** A transport whose connections count what passes through them. */
public final class MeteredTransport implements Transport {

    private final Transport delegate;
    private final ClientMeters meters;
    private final Duration iqTimeout;
    private final Scheduler timer;

    /**
     * @param delegate the transport measured
     * @param meters where to count
     * @param iqTimeout after how long an unanswered IQ is a timeout
     * @param timer times the IQ timeouts
     */
    public MeteredTransport(Transport delegate, ClientMeters meters, Duration iqTimeout, Scheduler timer) {
        this.delegate = delegate;
        this.meters = meters;
        this.iqTimeout = iqTimeout;
        this.timer = timer;
    }

    @Override
    public Mono<TransportConnection> connect(StreamOpen open) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return delegate.connect(open)
                .doOnError(e -> meters.connected(false, System.nanoTime() - start))
                .map(connection -> {
                    meters.connected(true, System.nanoTime() - start);
                    return (TransportConnection) new MeteredConnection(connection, meters, iqTimeout, timer);
                });
        });
    }

    @Override
    public Mono<TransportConnection> attach(byte[] state, StreamOpen open) {
        return delegate.attach(state, open)
            .map(connection -> (TransportConnection) new MeteredConnection(connection, meters, iqTimeout, timer));
    }

    @Override
    public Transport withNetworkMetrics() {
        return new MeteredTransport(delegate.withNetworkMetrics(), meters, iqTimeout, timer);
    }

    /** @return the transport measured */
    public Transport delegate() {
        return delegate;
    }

    @Override
    public String toString() {
        return "Metered(" + delegate + ")";
    }
}
