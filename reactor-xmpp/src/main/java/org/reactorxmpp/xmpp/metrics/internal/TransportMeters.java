package org.reactorxmpp.xmpp.metrics.internal;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.reactorxmpp.xmpp.transport.TransportObserver;

/**
 * The meters a transport reports to through {@link TransportObserver}: every meter registered once, up front, so
 * that a report only looks one up in an array (nothing is allocated per request).
 */
public final class TransportMeters implements TransportObserver {

    /** {@link Outcome} by ordinal, then with payload (1) or without (0). */
    private final Timer[][] exchanges = new Timer[Outcome.values().length][2];
    private final Counter[] resends = new Counter[ResendReason.values().length];
    private final Counter stalls;
    private final DistributionSummary sessionRequests;
    private final DistributionSummary sessionResends;

    /**
     * @param registry where the meters go
     * @param tags the common tags
     */
    public TransportMeters(MeterRegistry registry, Tags tags) {
        for (Outcome outcome : Outcome.values()) {
            for (int payload = 0; payload < 2; payload++) {
                exchanges[outcome.ordinal()][payload] = Timer.builder("xmpp.bosh.requests").tags(tags)
                    .tag("outcome", lower(outcome)).tag("payload", Boolean.toString(payload == 1))
                    .description("BOSH HTTP exchanges (each attempt of each request) by outcome, and their latency")
                    .register(registry);
            }
        }
        for (ResendReason reason : ResendReason.values()) {
            resends[reason.ordinal()] = Counter.builder("xmpp.bosh.resends").tags(tags).tag("reason", lower(reason))
                .description("BOSH requests sent again with the same rid and bytes").register(registry);
        }
        stalls = Counter.builder("xmpp.bosh.stalls").tags(tags)
            .description("BOSH requests beyond hold left unanswered with the held one for the stall timeout")
            .register(registry);
        sessionRequests = DistributionSummary.builder("xmpp.bosh.session.requests").tags(tags)
            .description("BOSH HTTP exchanges per session, resends included (recorded when the session ends)")
            .register(registry);
        sessionResends = DistributionSummary.builder("xmpp.bosh.session.resends").tags(tags)
            .description("BOSH resends per session (recorded when the session ends)").register(registry);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void exchange(Outcome outcome, boolean payload, long nanos) {
        exchanges[outcome.ordinal()][payload ? 1 : 0].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void resent(ResendReason reason) {
        resends[reason.ordinal()].increment();
    }

    @Override
    public void stalled() {
        stalls.increment();
    }

    @Override
    public void sessionEnded(long requests, long resent) {
        sessionRequests.record(requests);
        sessionResends.record(resent);
    }
}
