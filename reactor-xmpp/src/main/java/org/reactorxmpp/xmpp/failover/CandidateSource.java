package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Mono;

/**
 * Where a client may connect, in order: the candidates of one walk ({@link CandidateWalk}). A source
 * may compute them (read stored home nodes, say), so it answers with a {@code Mono}; each
 * subscription asks afresh.
 *
 * <p>A plain list of fallback URLs works for any server:
 * <pre>{@code
 * CandidateSource source = CandidateSource.of(URI.create("https://a.example.com/http-bind"),
 *     URI.create("https://b.example.com/http-bind"));
 * XmppClient.builder()...transports(url -> BoshTransport.builder().url(url).build()).candidates(source);
 * }</pre>
 */
public interface CandidateSource {

    /** @return the candidates of a first walk (for example stored home nodes, then the configured URLs) */
    Mono<List<Candidate>> candidates();

    /**
     * The candidates of a walk that starts again after every candidate failed (after a backoff).
     * By default the same as {@link #candidates()}; CUP starts again from the service-discovery nodes.
     *
     * @return the candidates
     */
    default Mono<List<Candidate>> restart() {
        return candidates();
    }

    /**
     * @param first the primary URL
     * @param more fallback URLs, in order
     * @return a fixed source: the first URL is {@link Candidate.Role#PRIMARY}, the second
     *     {@link Candidate.Role#SECONDARY}, the others {@link Candidate.Role#FALLBACK}
     */
    static CandidateSource of(URI first, URI... more) {
        List<URI> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "first"));
        for (URI u : more) {
            all.add(Objects.requireNonNull(u, "url"));
        }
        return of(all);
    }

    /**
     * @param urls the URLs in order, at least one
     * @return a fixed source, roles as in {@link #of(URI, URI...)}
     */
    static CandidateSource of(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one URL is required");
        }
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Candidate.Role role = i == 0 ? Candidate.Role.PRIMARY : i == 1 ? Candidate.Role.SECONDARY
                : Candidate.Role.FALLBACK;
            list.add(Candidate.of(Objects.requireNonNull(urls.get(i), "url"), role));
        }
        List<Candidate> fixed = List.copyOf(list);
        return new CandidateSource() {
            @Override
            public Mono<List<Candidate>> candidates() {
                return Mono.just(fixed);
            }

            @Override
            public String toString() {
                return "CandidateSource" + fixed;
            }
        };
    }
}
