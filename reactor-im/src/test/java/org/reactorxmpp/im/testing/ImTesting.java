package org.reactorxmpp.im.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Helpers of the reactor-im integration tests: clients over BOSH to the test servers, awaiting events. */
public final class ImTesting {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private ImTesting() {
    }

    public static XmppClient client(ProsodyExtension prosody, String user, String resource) {
        return client(prosody.server(), account(prosody, user), resource);
    }

    public static XmppSession connect(ProsodyExtension prosody, String user, String resource) {
        return client(prosody, user, resource).connect().block(TIMEOUT);
    }

    /** Connects without the automatic initial presence: the test sends the first presence itself. */
    public static XmppSession connectSilently(ProsodyExtension prosody, String user, String resource) {
        return builder(prosody.server(), account(prosody, user), resource)
            .sendInitialPresence(false)
            .build().connect().block(TIMEOUT);
    }

    /** Closes the sessions that were opened (nulls skipped), each even if another one's close fails. */
    public static void closeAll(XmppSession... sessions) {
        for (XmppSession s : sessions) {
            if (s != null) {
                s.close().onErrorResume(e -> Mono.empty()).block(TIMEOUT);
            }
        }
    }

    /** A client of the account over BOSH, SCRAM-SHA-1, with that resource. */
    public static XmppClient client(XmppTestServer server, TestAccount account, String resource) {
        return builder(server, account, resource).build();
    }

    public static XmppSession connect(XmppTestServer server, TestAccount account, String resource) {
        return client(server, account, resource).connect().block(TIMEOUT);
    }

    /** Connects with features installed before the initial presence (so offline messages reach them). */
    public static XmppSession connect(XmppTestServer server, TestAccount account, String resource,
                                      org.reactorxmpp.xmpp.feature.Feature<?>... features) {
        XmppClient.Builder b = builder(server, account, resource);
        for (org.reactorxmpp.xmpp.feature.Feature<?> f : features) {
            b.feature(f);
        }
        return b.build().connect().block(TIMEOUT);
    }

    private static XmppClient.Builder builder(XmppTestServer server, TestAccount account, String resource) {
        return XmppClient.builder()
            .jid(account.jid())
            .resource(resource)
            .password(account.password())
            .transport(BoshTransport.builder().url(server.boshUrl()).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"));
    }

    private static TestAccount account(ProsodyExtension prosody, String user) {
        return new TestAccount(user, prosody.server().host(), "secret");
    }

    public static BareJid jid(ProsodyExtension prosody, String user) {
        return BareJid.of(user, prosody.server().host());
    }

    /**
     * Subscribes now to the first element matching, so that an action taken afterwards cannot be missed.
     *
     * @return a handle whose {@link Awaited#get()} blocks (test code only) for that element
     */
    public static <T> Awaited<T> expect(Flux<T> events, Predicate<? super T> matching) {
        Mono<T> first = events.filter(matching).next().cache();
        first.subscribe(null, e -> { });
        return new Awaited<>(first);
    }

    /** Collects everything from now on. */
    public static <T> Awaited<List<T>> collect(Flux<T> events, Predicate<? super T> until) {
        Mono<List<T>> all = events.takeUntil(until).collectList().cache();
        all.subscribe(null, e -> { });
        return new Awaited<>(all);
    }

    /** Waits (test code only) until the condition holds, checking every 20 ms, at most {@link #TIMEOUT}. */
    public static void await(java.util.function.BooleanSupplier condition) {
        reactor.core.publisher.Flux.interval(Duration.ZERO, Duration.ofMillis(20))
            .filter(i -> condition.getAsBoolean()).next().block(TIMEOUT);
    }

    public static final class Awaited<T> {
        private final Mono<T> mono;

        Awaited(Mono<T> mono) {
            this.mono = mono;
        }

        public T get() {
            return mono.block(TIMEOUT);
        }
    }
}
