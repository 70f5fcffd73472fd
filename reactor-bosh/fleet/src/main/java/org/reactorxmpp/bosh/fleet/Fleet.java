package org.reactorxmpp.bosh.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.bosh.fleet.internal.FleetSettings;
import org.reactorxmpp.bosh.fleet.internal.Fleets;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;

import com.hazelcast.config.Config;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fleet of XMPP sessions over BOSH, spread over the members of a Hazelcast cluster (one member per JVM, embedded).
 * Every member declares the same accounts and the same handler; each account is placed on the Hazelcast partition
 * of its bare JID, and the member that owns the partition runs its session and the handler on it. When ownership
 * moves (a member joins, leaves gracefully or dies), the session moves without logging in again:
 * <ul>
 *   <li><b>handoff</b> (a member joined, or {@link #stop()}): the old owner detaches the session and stores its
 *       state in a backed-up Hazelcast map; the new owner attaches it (same JID and resource, no SASL, no bind,
 *       no presence) and installs the handler again;</li>
 *   <li><b>takeover</b> (a member died): members write each session's latest state (a checkpoint) to the map as its
 *       BOSH requests go out and are answered, asynchronously and latest-wins, off the event loops; by default a
 *       request waits until the checkpoint that carries it is stored ({@link Builder#writeAhead(boolean)}); the new
 *       owner attaches from the last checkpoint;</li>
 *   <li><b>re-login</b>: a session that cannot be resumed (state too old, the server ended it) logs in again, and
 *       the fleet reports it ({@link FleetEvent.Kind#RELOGGED_IN}).</li>
 * </ul>
 * A single member is a fleet of one: it runs every session, and {@link #stop()} then closes them.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder()
 *     .hazelcast(FleetClusters.loopback("bots", 5701, List.of(5702, 5703)))
 *     .transport(BoshTransport.builder().url(URI.create("https://xmpp.example.com/http-bind")).build())
 *     .client(client -> client.enabledMechanisms(List.of("SCRAM-SHA-1")))
 *     .accounts(List.of(FleetAccount.of("bot1@example.com/fleet", "secret"),
 *                       FleetAccount.of("bot2@example.com/fleet", "secret")))
 *     .handler(session -> session.messages()
 *         .flatMap(m -> session.send(Message.builder().to(m.from()).body("echo " + m.body()).build())))
 *     .build();
 * fleet.events().subscribe(event -> log.info("{}", event));
 * fleet.start().subscribe();          // joins the cluster, runs this member's share
 * ...
 * fleet.stop().subscribe();           // hands this member's sessions to the others, leaves
 * }</pre>
 */
public interface Fleet {

    /** @return a new builder */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Starts this member: joins the cluster (Hazelcast's blocking start runs on the fleet's own thread), then runs
     * the sessions of the partitions it owns. Lazy; once.
     *
     * @return completion once the member joined (sessions start in the background: see {@link #events()})
     */
    Mono<Void> start();

    /**
     * Stops this member gracefully: its sessions are detached and handed to the remaining members (closed when it
     * is alone), then it leaves the cluster. Lazy; idempotent.
     *
     * @return completion once every session was handed off or closed and the member left
     */
    Mono<Void> stop();

    /** @return this member's name (its cluster address unless {@link Builder#memberName} set one) */
    String memberName();

    /**
     * This member's placement events: logins, handoffs in and out, takeovers, re-logins, failures. Hot; a
     * subscriber that does not keep up misses events (the counters of {@link #metrics()} miss none).
     *
     * @return the events; completes when the member stopped
     */
    Flux<FleetEvent> events();

    /** @return the accounts whose sessions run on this member now */
    Set<BareJid> localAccounts();

    /**
     * @return the counters of every live member, as each last published them (about once per
     *     {@link Builder#tick(Duration)})
     */
    Mono<FleetMetrics> metrics();

    /** Builds a {@link Fleet}. Not thread-safe. */
    final class Builder {

        private @Nullable Config hazelcast;
        private @Nullable BoshTransport transport;
        private Consumer<XmppClient.Builder> client = b -> { };
        private final List<FleetAccount> accounts = new ArrayList<>();
        private @Nullable Function<XmppSession, ? extends Publisher<?>> handler;
        private @Nullable String memberName;
        private Duration tick = Duration.ofMillis(500);
        private Duration handoffTimeout = Duration.ofSeconds(30);
        private int concurrency = 64;
        private String mapName = "reactor-xmpp-fleet";
        private boolean writeAhead = true;

        private Builder() {
        }

        /**
         * @param config this member's Hazelcast configuration (see {@link FleetClusters}); the fleet starts and
         *     shuts down its instance. Default: {@link FleetClusters#single(String)}, a fleet of one
         * @return this builder
         */
        public Builder hazelcast(Config config) {
            this.hazelcast = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param transport the BOSH transport every session uses (the same connection manager on every member);
         *     required
         * @return this builder
         */
        public Builder transport(BoshTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * @param template customises the client of each account (SASL mechanisms, timeouts, features, ...); the
         *     fleet sets the JID, resource, password and transport first
         * @return this builder
         */
        public Builder client(Consumer<XmppClient.Builder> template) {
            this.client = Objects.requireNonNull(template, "client");
            return this;
        }

        /**
         * @param accounts accounts to run (added to those given before); the same on every member
         * @return this builder
         */
        public Builder accounts(Collection<FleetAccount> accounts) {
            this.accounts.addAll(List.copyOf(accounts));
            return this;
        }

        /**
         * @param handler what each session does; subscribed when the session starts on a member, again on the
         *     member it moves to, and cancelled when it moves away; required
         * @return this builder
         */
        public Builder handler(Function<XmppSession, ? extends Publisher<?>> handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * @param name this member's name in events and metrics; default its cluster address
         * @return this builder
         */
        public Builder memberName(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("member name must not be blank");
            }
            this.memberName = name;
            return this;
        }

        /**
         * @param tick how often the member compares the partitions it owns with the sessions it runs (ownership
         *     events trigger a pass at once as well) and publishes its counters; default 500 ms
         * @return this builder
         */
        public Builder tick(Duration tick) {
            this.tick = positive(tick, "tick");
            return this;
        }

        /**
         * @param timeout how long a new owner waits for a live old owner to hand a session off before it takes the
         *     session over from its last checkpoint; default 30 s
         * @return this builder
         */
        public Builder handoffTimeout(Duration timeout) {
            this.handoffTimeout = positive(timeout, "handoffTimeout");
            return this;
        }

        /**
         * @param concurrency the most logins and attaches this member runs at once; default 64
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * @param name the Hazelcast map holding handovers and checkpoints (one per fleet sharing a cluster); default
         *     {@code reactor-xmpp-fleet}
         * @return this builder
         */
        public Builder mapName(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("map name must not be blank");
            }
            this.mapName = name;
            return this;
        }

        /**
         * @param writeAhead {@code true} (the default): a session's BOSH request goes out only once a checkpoint that
         *     carries it is stored in the cluster ({@link XmppSession#writeAheadCheckpoints}), so a member's crash
         *     loses no request: the new owner resends each with the same rid and bytes, and the server processes it
         *     once. Costs one backed-up map write per request before it is sent. {@code false}: checkpoints follow
         *     the requests ({@link XmppSession#checkpoints()}, no wait); a crash between a request and its checkpoint
         *     loses that request (and what it carried)
         * @return this builder
         */
        public Builder writeAhead(boolean writeAhead) {
            this.writeAhead = writeAhead;
            return this;
        }

        /**
         * @return the fleet (nothing runs before {@link Fleet#start()})
         * @throws IllegalStateException when the transport or the handler is missing, or an account is declared
         *     twice
         */
        public Fleet build() {
            if (transport == null || handler == null) {
                throw new IllegalStateException("a fleet needs a transport and a handler");
            }
            Config config = hazelcast != null ? hazelcast : FleetClusters.single("reactor-xmpp-fleet");
            FleetSettings settings = new FleetSettings(config, accounts, memberName, tick, handoffTimeout, concurrency,
                mapName, writeAhead);
            return Fleets.create(settings, transport, client, handler);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
