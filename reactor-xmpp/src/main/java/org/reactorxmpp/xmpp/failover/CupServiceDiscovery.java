package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Cisco Unified Presence service discovery and high availability (CAXL {@code httpBindingURL},
 * {@code httpBindingURL_secondary}, {@code serviceDiscoveryEnabled}). Immutable.
 *
 * <p>The client first connects to a service-discovery (SD) node. Its SASL {@code <mechanisms/>}
 * feature carries the user's home node, then the backup node, as {@code <hostname>} children; the
 * client makes them into URLs with {@link NodeUrls} (relative to the primary SD URL), remembers them
 * in the {@link NodeStore}, and when the current URL is not the home node's, closes the stream and
 * goes there before authenticating. No {@code <hostname>} means high availability is off: the client
 * stays where it is and forgets the stored nodes. The candidate order is stored home, stored backup,
 * primary SD, secondary SD; after every candidate failed, it starts again from the SD nodes.
 *
 * <pre>{@code
 * CupServiceDiscovery cup = CupServiceDiscovery.builder()
 *     .primary(URI.create("https://sd1.example.com:7335/httpbinding"))
 *     .secondary(URI.create("https://sd2.example.com:7335/httpbinding"))
 *     .store(NodeStore.jsonFile(Path.of("cup-nodes.json"), Duration.ofDays(7)))
 *     .build();
 * XmppClient.builder()...transports(url -> BoshTransport.builder().url(url).build()).serviceDiscovery(cup);
 * }</pre>
 */
public final class CupServiceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(CupServiceDiscovery.class);

    private final URI primary;
    private final @Nullable URI secondary;
    private final NodeStore store;

    private CupServiceDiscovery(URI primary, @Nullable URI secondary, NodeStore store) {
        this.primary = primary;
        this.secondary = secondary;
        this.store = store;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the primary SD URL */
    public URI primary() {
        return primary;
    }

    /** @return the secondary SD URL, if any */
    public Optional<URI> secondary() {
        return Optional.ofNullable(secondary);
    }

    /** @return the node store */
    public NodeStore store() {
        return store;
    }

    /**
     * @param account the user
     * @return the user's candidates: stored home and backup (when stored and not expired), then the SD
     *     nodes; after a failed walk, the SD nodes only
     */
    public CandidateSource candidates(BareJid account) {
        Objects.requireNonNull(account, "account");
        List<Candidate> sd = new ArrayList<>(2);
        sd.add(Candidate.of(primary, Candidate.Role.PRIMARY));
        if (secondary != null) {
            sd.add(Candidate.of(secondary, Candidate.Role.SECONDARY));
        }
        List<Candidate> serviceDiscovery = List.copyOf(sd);
        return new CandidateSource() {
            @Override
            public Mono<List<Candidate>> candidates() {
                return store.load(account)
                    .onErrorResume(e -> {
                        log.warn("{}: the CUP node store failed, using service discovery ({})", account, e.toString());
                        return Mono.empty();
                    })
                    .map(nodes -> {
                        List<Candidate> all = new ArrayList<>(nodes.candidates());
                        all.addAll(serviceDiscovery);
                        return List.copyOf(all);
                    })
                    .defaultIfEmpty(serviceDiscovery);
            }

            @Override
            public Mono<List<Candidate>> restart() {
                return Mono.just(serviceDiscovery);
            }

            @Override
            public String toString() {
                return "CupServiceDiscovery.candidates(" + account + ")";
            }
        };
    }

    /**
     * Reads the nodes a server announced and remembers (or forgets) them.
     *
     * @param account the user
     * @param hostnames the {@code <hostname>} values of the SASL mechanisms feature, in order
     * @return the nodes; empty when high availability is off (no hostname: the stored nodes are
     *     forgotten) or the home node's name is unusable (logged)
     */
    public Mono<HomeNodes> learn(BareJid account, List<String> hostnames) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(hostnames, "hostnames");
        return Mono.defer(() -> {
            if (hostnames.isEmpty()) {
                log.debug("{}: no CUP home node announced (high availability off): staying", account);
                return store.forget(account).onErrorResume(e -> Mono.empty()).then(Mono.empty());
            }
            URI home;
            try {
                home = NodeUrls.nodeUrl(primary, hostnames.get(0));
            } catch (InvalidNodeException e) {
                log.warn("{}: ignoring the announced CUP nodes {}: {}", account, hostnames, e.getMessage());
                return Mono.empty();
            }
            URI backup = null;
            if (hostnames.size() > 1) {
                try {
                    backup = NodeUrls.nodeUrl(primary, hostnames.get(1));
                } catch (InvalidNodeException e) {
                    log.warn("{}: ignoring the announced CUP backup node: {}", account, e.getMessage());
                }
            }
            HomeNodes nodes = HomeNodes.of(home, backup);
            return store.save(account, nodes).onErrorResume(e -> {
                log.warn("{}: could not store the CUP nodes ({})", account, e.toString());
                return Mono.empty();
            }).thenReturn(nodes);
        });
    }

    @Override
    public String toString() {
        return "CupServiceDiscovery{primary=" + primary + (secondary == null ? "" : ", secondary=" + secondary)
            + ", store=" + store + "}";
    }

    /** Builds a {@link CupServiceDiscovery}. */
    public static final class Builder {
        private @Nullable URI primary;
        private @Nullable URI secondary;
        private NodeStore store = NodeStore.none();

        private Builder() {
        }

        /**
         * @param url the primary SD node's BOSH URL (CAXL {@code httpBindingURL}); required
         * @return this builder
         */
        public Builder primary(URI url) {
            this.primary = Objects.requireNonNull(url, "primary");
            return this;
        }

        /**
         * @param url the secondary SD node's BOSH URL (CAXL {@code httpBindingURL_secondary}), or {@code null}
         * @return this builder
         */
        public Builder secondary(@Nullable URI url) {
            this.secondary = url;
            return this;
        }

        /**
         * @param store where nodes are remembered; default {@link NodeStore#none()}
         * @return this builder
         */
        public Builder store(NodeStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @return the configuration */
        public CupServiceDiscovery build() {
            if (primary == null) {
                throw new IllegalStateException("the primary service-discovery URL is required");
            }
            return new CupServiceDiscovery(primary, secondary, store);
        }
    }
}
