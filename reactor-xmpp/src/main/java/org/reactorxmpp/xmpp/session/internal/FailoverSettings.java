package org.reactorxmpp.xmpp.session.internal;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.failover.CandidateSource;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.FailoverSignals;
import org.reactorxmpp.xmpp.transport.Transport;

/**
 * How a client with several candidate URLs connects. Not API: set through {@code XmppClient.Builder}.
 * Transports are made once per URL and reused.
 */
public final class FailoverSettings {

    private final Function<URI, Transport> transports;
    private final Map<String, Transport> made = new ConcurrentHashMap<>();
    private final CandidateSource source;
    private final @Nullable CupServiceDiscovery cup;
    private final FailoverSignals signals;

    /**
     * @param transports makes the transport of a URL
     * @param source the candidates
     * @param cup the CUP service discovery, or {@code null}
     * @param signals how errors are read
     */
    public FailoverSettings(Function<URI, Transport> transports, CandidateSource source,
                            @Nullable CupServiceDiscovery cup, FailoverSignals signals) {
        this.transports = Objects.requireNonNull(transports, "transports");
        this.source = Objects.requireNonNull(source, "source");
        this.cup = cup;
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /**
     * @param url a candidate URL
     * @return its transport (made on first use)
     */
    public Transport transport(URI url) {
        return made.computeIfAbsent(Candidate.of(url, Candidate.Role.FALLBACK).url().normalize().toString(), key -> {
            Transport t = transports.apply(url);
            if (t == null) {
                throw new IllegalStateException("the transport factory returned null for " + url);
            }
            return t;
        });
    }

    CandidateSource source() {
        return source;
    }

    @Nullable CupServiceDiscovery cup() {
        return cup;
    }

    FailoverSignals signals() {
        return signals;
    }

    @Override
    public String toString() {
        return "FailoverSettings{" + (cup != null ? cup : source) + "}";
    }
}
