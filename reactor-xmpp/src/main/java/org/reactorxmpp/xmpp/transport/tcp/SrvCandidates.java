package org.reactorxmpp.xmpp.transport.tcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.publisher.Mono;

/**
 * Where to connect for an XMPP domain by SRV (RFC 6120 section 3.2, XEP-0368): both services' records in one
 * list, lower priority first, larger weight first within a priority (deterministic rather than RFC 2782's
 * weighted random: a client connects to few servers, and a fixed order is testable), direct TLS before STARTTLS
 * on a tie. No record at all: the domain itself on the default port. Only {@code "."} records: the service is
 * not offered, an error.
 */
final class SrvCandidates {

    /** One place to try. */
    record Candidate(String host, int port, boolean directTls) {
    }

    private SrvCandidates() {
    }

    static Mono<List<Candidate>> of(SrvResolver resolver, String domain, int defaultPort) {
        Mono<List<SrvResolver.Record>> tls = resolver.lookup("_xmpps-client._tcp." + domain);
        Mono<List<SrvResolver.Record>> plain = resolver.lookup("_xmpp-client._tcp." + domain);
        return Mono.zip(tls.defaultIfEmpty(List.of()), plain.defaultIfEmpty(List.of()))
            .map(t -> order(t.getT1(), t.getT2(), domain, defaultPort));
    }

    static List<Candidate> order(List<SrvResolver.Record> directTls, List<SrvResolver.Record> startTls, String domain,
                                 int defaultPort) {
        record Ranked(SrvResolver.Record r, boolean tls) {
        }
        List<Ranked> all = new ArrayList<>();
        directTls.forEach(r -> all.add(new Ranked(r, true)));
        startTls.forEach(r -> all.add(new Ranked(r, false)));
        if (all.isEmpty()) {
            return List.of(new Candidate(domain, defaultPort, false));
        }
        all.sort(Comparator.<Ranked>comparingInt(x -> x.r().priority()).thenComparing(x -> -x.r().weight())
            .thenComparing(x -> !x.tls()));
        List<Candidate> out = new ArrayList<>();
        for (Ranked x : all) {
            if (!x.r().target().equals(".")) {
                out.add(new Candidate(x.r().target(), x.r().port(), x.tls()));
            }
        }
        if (out.isEmpty()) {
            throw new TransportException("the XMPP service is not offered at " + domain + " (SRV target '.')", false);
        }
        return out;
    }
}
