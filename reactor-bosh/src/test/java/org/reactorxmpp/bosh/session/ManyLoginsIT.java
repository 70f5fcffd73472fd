package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * 1,000 accounts log in concurrently over BOSH from one JVM to a real Prosody with SCRAM-SHA-1
 * (Prosody's default 4096 iterations), each pings the server once, and all close cleanly. Asserts
 * that nothing failed and that the JVM's live threads do not grow with the number of sessions;
 * prints (never asserts) the timings.
 */
class ManyLoginsIT {

    private static final int USERS = 1000;
    private static final int FEW = 10;

    /**
     * All logins are started at once: the library has no per-session thread and the shared BOSH
     * connection pool allows 20,000 connections, so nothing on our side needs a bound; Prosody
     * queues what its single thread cannot serve yet (measured on 2 cores: no failure, and Prosody
     * used only about 30 % of a core, so a bound such as 250 buys nothing here).
     */
    private static final int CONCURRENCY = USERS;

    /** Generous: one JVM and one single-threaded Prosody share 2 cores. */
    private static final Duration OVERALL = Duration.ofMinutes(5);

    /**
     * SCRAM's PBKDF2 (4096 HMAC-SHA-1 rounds per login) is CPU work kept off the event loops. A
     * dedicated scheduler with one thread per core bounds the threads it may add, whatever the
     * number of sessions (the default boundedElastic could grow to 10 threads per core under this
     * load: still bounded, but it would blur the measurement; measured with it on 2 cores: 29 live
     * threads with 10 sessions, 37 with 1,000).
     */
    private static final int SASL_THREADS = Runtime.getRuntime().availableProcessors();
    private static final Scheduler SASL = Schedulers.newBoundedElastic(SASL_THREADS, 100_000, "many-logins-sasl", 60, true);

    /**
     * Threads that may legitimately appear between 10 and 1,000 live sessions without being a
     * thread per session: the dedicated SASL scheduler up to its cap (one per core), Reactor
     * Netty's event loops (max(4, cores)) and Reactor's parallel timer workers (one per core)
     * started lazily as more channels and timeouts get spread over them, plus a few JVM threads
     * (attach, notification) that start on their own. 16 is far below the 990 extra sessions the
     * check is about: a thread per session, or per few sessions, cannot pass it. Measured on 2 cores
     * with the dedicated scheduler: 21 live threads with 10 sessions, 20 with 1,000.
     */
    private static final int THREAD_SLACK = 16;

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().users("user", USERS, "secret").build();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    @AfterAll
    static void disposeScheduler() {
        SASL.dispose();
    }

    private static XmppClient client(int i) {
        return XmppClient.builder()
            .jid("user" + i + "@" + prosody.server().host())
            .password("secret")
            .transport(BoshTransport.builder().url(prosody.server().boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .saslScheduler(SASL)
            .build();
    }

    /** Logs users {@code from..to} in, pings the server once from each; failures are recorded, not thrown. */
    private Mono<List<XmppSession>> loginAndPing(int from, int to) {
        Jid server = Jid.domain(prosody.server().host());
        return Flux.range(from, to - from + 1)
            .flatMap(i -> client(i).connect()
                .flatMap(session -> session.request(Iq.get(server, XmlElement.empty("urn:xmpp:ping", "ping")))
                    .doOnNext(pong -> {
                        if (pong.type() != Iq.Type.RESULT) {
                            errors.add("user" + i + " ping answered " + pong);
                        }
                    })
                    .thenReturn(session)
                    // a failed ping still leaves a session to close
                    .onErrorResume(e -> {
                        errors.add("user" + i + " ping: " + e);
                        return Mono.just(session);
                    }))
                .onErrorResume(e -> {
                    errors.add("user" + i + " login: " + e);
                    return Mono.empty();
                }), CONCURRENCY)
            .collectList();
    }

    private Mono<Void> closeAll(List<XmppSession> sessions) {
        return Flux.fromIterable(sessions)
            .flatMap(session -> session.close()
                .onErrorResume(e -> {
                    errors.add(session.jid() + " close: " + e);
                    return Mono.empty();
                }), CONCURRENCY)
            .then();
    }

    @Test
    void thousandConcurrentLoginsPingAndCloseWithoutFailuresOrThreadGrowth() {
        int threadsBefore = THREADS.getThreadCount();

        // a few sessions first: starts the event loops, timers and SASL threads that any use needs
        List<XmppSession> few = loginAndPing(1, FEW).block(OVERALL);
        int threadsWithFew = THREADS.getThreadCount();
        closeAll(few).block(OVERALL);
        assertNoErrors();
        assertThat(few).hasSize(FEW);

        double prosodyCpuBefore = prosodyCpuSeconds();
        long start = System.nanoTime();
        List<XmppSession> all = loginAndPing(1, USERS).block(OVERALL);
        long loggedIn = System.nanoTime();
        double prosodyCpu = prosodyCpuSeconds() - prosodyCpuBefore;
        int threadsWithAll = THREADS.getThreadCount();
        closeAll(all).block(OVERALL);
        long closed = System.nanoTime();
        int threadsAfter = THREADS.getThreadCount();

        double loginSeconds = (loggedIn - start) / 1e9;
        System.out.printf("ManyLoginsIT: %d sessions logged in and pinged in %.2f s (%.0f logins/s), closed in %.2f s%n",
            all.size(), loginSeconds, all.size() / loginSeconds, (closed - loggedIn) / 1e9);
        if (prosodyCpu >= 0) {
            // near 100 % would mean Prosody's single thread, not the client, limits the login rate
            System.out.printf("ManyLoginsIT: Prosody used %.1f s of CPU during the logins (%.0f %% of one core)%n",
                prosodyCpu, 100 * prosodyCpu / loginSeconds);
        }
        System.out.printf("ManyLoginsIT: live threads before %d, with %d sessions %d, with %d sessions %d, after close %d"
            + " (peak %d)%n", threadsBefore, FEW, threadsWithFew, USERS, threadsWithAll, threadsAfter,
            THREADS.getPeakThreadCount());

        assertNoErrors();
        assertThat(all).hasSize(USERS);
        assertThat(threadsWithAll)
            .as("live threads with %d sessions vs with %d sessions", USERS, FEW)
            .isLessThanOrEqualTo(threadsWithFew + THREAD_SLACK);
    }

    /** @return Prosody's user+system CPU seconds from /proc (Linux), or a large negative number elsewhere */
    private static double prosodyCpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + prosody.server().pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state is index 0, utime index 11, stime index 12, in clock ticks (100/s)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return -1e9;
        }
    }

    private void assertNoErrors() {
        List<String> list = new ArrayList<>(errors);
        assertThat(list)
            .as("%d failures, the first: %s", list.size(), list.subList(0, Math.min(5, list.size())))
            .isEmpty();
    }
}
