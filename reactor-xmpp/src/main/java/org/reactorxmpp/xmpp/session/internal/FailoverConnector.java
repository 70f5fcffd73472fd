package org.reactorxmpp.xmpp.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.failover.Candidate;
import org.reactorxmpp.xmpp.failover.CandidateWalk;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.FailoverSignal;
import org.reactorxmpp.xmpp.failover.ServiceDiscoveryRedirect;
import org.reactorxmpp.xmpp.sasl.SaslCredentials;
import org.reactorxmpp.xmpp.session.ConnectionState;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import reactor.core.publisher.Mono;

/**
 * Negotiates over candidate URLs: one {@link Negotiation} per candidate of a {@link CandidateWalk},
 * walked by the walk's retry; with CUP, the first stream features of each attempt tell the home node.
 */
final class FailoverConnector {

    private final SessionSettings settings;
    private final FailoverSettings failover;

    FailoverConnector(SessionSettings settings, FailoverSettings failover) {
        this.settings = settings;
        this.failover = failover;
    }

    /** @return a walk over the first candidates */
    Mono<CandidateWalk> firstWalk() {
        return failover.source().candidates().map(list -> CandidateWalk.of(list, failover.signals()));
    }

    /** @return a walk over the candidates after every candidate failed */
    Mono<CandidateWalk> restartWalk() {
        return failover.source().restart().map(list -> CandidateWalk.of(list, failover.signals()));
    }

    /**
     * The walk after a live session on {@code dropped} ended with {@code cause}: the redirect target
     * first; for a node going down the candidates after it; otherwise the same node, then those after it.
     */
    Mono<CandidateWalk> walkAfterDrop(Throwable cause, @Nullable Candidate dropped) {
        return failover.source().candidates().flatMap(list -> {
            if (dropped == null) {
                return Mono.just(CandidateWalk.of(list, failover.signals()));
            }
            FailoverSignal signal = failover.signals().signal(cause, dropped.url()).orElse(null);
            int at = -1;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).hasUrl(dropped.url())) {
                    at = i;
                    break;
                }
            }
            List<Candidate> after = at < 0 ? list : list.subList(at + 1, list.size());
            List<Candidate> order = new ArrayList<>();
            boolean leave = signal != null && signal.kind() != FailoverSignal.Kind.STOP;
            if (signal != null && signal.kind() == FailoverSignal.Kind.REDIRECT) {
                order.add(Candidate.of(signal.target().orElseThrow(), Candidate.Role.REDIRECT));
            } else if (!leave) {
                order.add(dropped);
            }
            order.addAll(after);
            if (order.isEmpty()) {
                return restartWalk().map(w -> leave ? exclude(w, dropped) : w);
            }
            CandidateWalk walk = CandidateWalk.of(order, failover.signals());
            return Mono.just(leave ? exclude(walk, dropped) : walk);
        });
    }

    private static CandidateWalk exclude(CandidateWalk walk, Candidate dropped) {
        return walk.isExhausted() || walk.current().hasUrl(dropped.url()) ? walk : walk.exclude(dropped.url());
    }

    /**
     * @param walk the candidates
     * @param before runs before each attempt (state, delay)
     * @param credentials the credentials of each attempt
     * @param destroyAfterSasl whether each attempt zeroes its credentials after SASL
     * @param progress told of each attempt's states
     * @param failed told of each failed attempt's error
     * @param tickets what each attempt resumes with (stream management), when anything
     * @return the first connection negotiated
     */
    Mono<BoundConnection> walk(CandidateWalk walk, Function<Candidate, Mono<Void>> before,
                               Supplier<SaslCredentials> credentials, boolean destroyAfterSasl,
                               Consumer<ConnectionState> progress, Consumer<Throwable> failed,
                               Supplier<SmSession.@Nullable Ticket> tickets) {
        return Mono.defer(() -> {
            Candidate c = walk.current();
            return before.apply(c).then(Mono.defer(() -> new Negotiation(settings, credentials.get(), destroyAfterSasl,
                progress, new Negotiation.Target(c, failover.transport(c.url()), features -> check(walk, c, features)))
                .resuming(tickets).run()))
                .doOnError(failed);
        }).retryWhen(walk.retry());
    }

    /** CUP: learn the nodes; leave for the home node when it is elsewhere and not tried yet in this walk. */
    private Mono<Void> check(CandidateWalk walk, Candidate current, StreamFeatures features) {
        CupServiceDiscovery cup = failover.cup();
        if (cup == null) {
            return Mono.empty();
        }
        return cup.learn(settings.jid(), features.saslHostnames())
            .flatMap(nodes -> current.hasUrl(nodes.home()) || walk.wasTried(nodes.home()) ? Mono.<Void>empty()
                : Mono.error(new ServiceDiscoveryRedirect(current.url(), nodes)));
    }
}
