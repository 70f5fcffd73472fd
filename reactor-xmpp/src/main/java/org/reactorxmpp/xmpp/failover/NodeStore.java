package org.reactorxmpp.xmpp.failover;

import java.nio.file.Path;
import java.time.Duration;

import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;

/**
 * Remembers each user's home and backup nodes between connects, so the next connect goes straight to
 * the home node without the service-discovery hop. Implementations never block the caller's thread
 * and never make a connect fail: an unreadable store is an empty one.
 *
 * <pre>{@code
 * NodeStore store = NodeStore.jsonFile(Path.of("cup-nodes.json"), Duration.ofDays(7));
 * }</pre>
 */
public interface NodeStore {

    /**
     * @param account the user
     * @return the stored nodes, or empty when none are stored or they expired
     */
    Mono<HomeNodes> load(BareJid account);

    /**
     * @param account the user
     * @param nodes the nodes the server announced
     * @return completion once stored (a storage failure is logged, not signalled)
     */
    Mono<Void> save(BareJid account, HomeNodes nodes);

    /**
     * @param account the user, for whom high availability is off
     * @return completion once forgotten (a storage failure is logged, not signalled)
     */
    Mono<Void> forget(BareJid account);

    /** @return a store that remembers nothing (every connect goes through service discovery) */
    static NodeStore none() {
        return new NodeStore() {
            @Override
            public Mono<HomeNodes> load(BareJid account) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> save(BareJid account, HomeNodes nodes) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> forget(BareJid account) {
                return Mono.empty();
            }

            @Override
            public String toString() {
                return "NodeStore.none";
            }
        };
    }

    /**
     * @param file the JSON file (created when first written)
     * @param expiry how long stored nodes are used after they were last learned
     * @return a {@link JsonFileNodeStore} with default clock and scheduler
     */
    static NodeStore jsonFile(Path file, Duration expiry) {
        return JsonFileNodeStore.builder(file).expiry(expiry).build();
    }
}
