package org.reactorxmpp.xmpp.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.sasl.SaslCondition;
import org.reactorxmpp.xmpp.sasl.SaslException;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CandidateWalkTest {

    private static final URI A = URI.create("https://a.example.com/http-bind");
    private static final URI B = URI.create("https://b.example.com/http-bind");
    private static final URI C = URI.create("https://c.example.com/http-bind");

    private final List<URI> tried = new CopyOnWriteArrayList<>();

    /** An attempt that fails on the URLs of {@code failing} with the error for it, else succeeds with the URL. */
    private Mono<URI> attempt(CandidateWalk walk, java.util.function.Function<URI, Throwable> failing) {
        return Mono.defer(() -> {
            URI url = walk.current().url();
            tried.add(url);
            Throwable error = failing.apply(url);
            return error == null ? Mono.just(url) : Mono.error(error);
        }).retryWhen(walk.retry());
    }

    private static TransportException down(URI url) {
        return new TransportException("refused by " + url.getHost(), true);
    }

    @Test
    void aPlainListIsWalkedInOrderUntilOneAnswers() {
        CandidateWalk walk = CandidateWalk.of(CandidateSource.of(A, B, C).candidates().block());
        StepVerifier.create(attempt(walk, u -> u.equals(C) ? null : down(u))).expectNext(C).verifyComplete();
        assertThat(tried).containsExactly(A, B, C);
        assertThat(walk.attempts()).extracting(a -> a.candidate().role())
            .containsExactly(Candidate.Role.PRIMARY, Candidate.Role.SECONDARY);
    }

    @Test
    void exhaustionNamesEveryUrlAndWhyAndIsTransientWhenAFailureWas() {
        CandidateWalk walk = CandidateWalk.of(CandidateSource.of(A, B).candidates().block());
        StepVerifier.create(attempt(walk, CandidateWalkTest::down))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(FailoverExhaustedException.class).hasMessage(
                    "could not connect to any of 2 URL(s) tried: 1. primary " + A + ": refused by a.example.com; "
                        + "2. secondary " + B + ": refused by b.example.com");
                assertThat(((FailoverExhaustedException) e).isTransient()).isTrue();
            })
            .verify(Duration.ofSeconds(1));
    }

    @Test
    void authenticationFailureAndConflictStopTheWalkAtOnce() {
        SaslException refused = new SaslException(SaslCondition.NOT_AUTHORIZED, "bad password");
        CandidateWalk walk = CandidateWalk.of(CandidateSource.of(A, B).candidates().block());
        StepVerifier.create(attempt(walk, u -> refused)).expectErrorMatches(e -> e == refused).verify(Duration.ofSeconds(1));
        assertThat(tried).containsExactly(A);

        tried.clear();
        StreamErrorException conflict = new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT));
        CandidateWalk walk2 = CandidateWalk.of(CandidateSource.of(A, B).candidates().block());
        StepVerifier.create(attempt(walk2, u -> conflict)).expectErrorMatches(e -> e == conflict).verify(Duration.ofSeconds(1));
        assertThat(tried).containsExactly(A);
    }

    @Test
    void aRedirectGoesFirstButAUrlIsNeverTriedTwiceSoTheWalkEnds() {
        CandidateWalk walk = CandidateWalk.of(CandidateSource.of(A, B).candidates().block());
        // A sends us to C, C sends us back to A (already tried: not followed), B is down
        StepVerifier.create(attempt(walk, u -> u.equals(A)
                ? new StreamErrorException(StreamError.seeOtherHost("c.example.com"))
                : u.equals(C) ? new StreamErrorException(StreamError.seeOtherHost("a.example.com")) : down(u)))
            .expectError(FailoverExhaustedException.class)
            .verify(Duration.ofSeconds(1));
        assertThat(tried).containsExactly(A, C, B);
        assertThat(walk.attempts()).extracting(a -> a.candidate().role())
            .containsExactly(Candidate.Role.PRIMARY, Candidate.Role.REDIRECT, Candidate.Role.SECONDARY);
    }

    @Test
    void aServiceDiscoveryRedirectPutsHomeThenBackupFirst() {
        URI home = URI.create("https://home.example.com/http-bind");
        URI backup = URI.create("https://backup.example.com/http-bind");
        CandidateWalk walk = CandidateWalk.of(CandidateSource.of(A, B).candidates().block());
        StepVerifier.create(attempt(walk, u -> u.equals(A) ? new ServiceDiscoveryRedirect(A, HomeNodes.of(home, backup))
                : u.equals(home) ? down(u) : null))
            .expectNext(backup)
            .verifyComplete();
        assertThat(tried).containsExactly(A, home, backup);
        assertThat(walk.wasTried(B)).isFalse();
        assertThat(walk.wasTried(URI.create("HTTPS://HOME.example.com:443/http-bind"))).isTrue();
    }

    @Test
    void duplicatesAndExcludedUrlsAreSkipped() {
        CandidateWalk walk = CandidateWalk.of(List.of(Candidate.of(A, Candidate.Role.HOME),
            Candidate.of(URI.create("https://A.example.com:443/http-bind"), Candidate.Role.PRIMARY),
            Candidate.of(B, Candidate.Role.BACKUP), Candidate.of(C, Candidate.Role.SECONDARY)));
        assertThat(walk.current().url()).isEqualTo(A);
        walk.exclude(B);
        assertThat(walk.failed(down(A))).isTrue();
        assertThat(walk.current().url()).isEqualTo(C);
        assertThat(walk.failed(down(C))).isFalse();
        assertThat(walk.isExhausted()).isTrue();
    }

    @Test
    void anEmptyWalkFailsAtOnce() {
        CandidateWalk walk = CandidateWalk.of(List.of());
        StepVerifier.create(Mono.defer(() -> Mono.just(walk.current())).retryWhen(walk.retry()))
            .expectErrorMessage("no candidate URL to connect to")
            .verify(Duration.ofSeconds(1));
    }
}
