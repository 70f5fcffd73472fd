package org.reactorxmpp.im.blocking;

import java.util.Collection;
import java.util.Set;

import org.reactorxmpp.im.blocking.internal.DefaultBlocking;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The block list (XEP-0191, {@value #NAMESPACE}), which replaced privacy lists (XEP-0016; ejabberd
 * still has {@code mod_privacy}, Prosody 0.12 ships only {@code mod_blocklist}). Pushes from the
 * server (from the own account only; others are refused) are applied and reported. Note: Prosody
 * pushes changes only to resources that fetched the list, so {@link #load()} first.
 *
 * <pre>{@code
 * Blocking blocking = Blocking.of(session);
 * blocking.load().then(blocking.block(List.of(Jid.parse("spam@example.com")))).subscribe();
 * }</pre>
 */
public interface Blocking {

    /** {@code urn:xmpp:blocking}. */
    String NAMESPACE = "urn:xmpp:blocking";

    /** The blocking feature. */
    FeatureKey<Blocking> KEY = FeatureKey.of("blocking", DefaultBlocking::install);

    /**
     * @param session the session
     * @return its block list service
     */
    static Blocking of(XmppSession session) {
        return session.feature(KEY);
    }

    /** @return the list fetched from the server (also kept as {@link #blocked()}) */
    Mono<Set<Jid>> load();

    /** @return the list as last fetched and changed since */
    Set<Jid> blocked();

    /** @param jids to block (not empty) @return completion once the server blocked them */
    Mono<Void> block(Collection<? extends Jid> jids);

    /** @param jids to unblock (not empty) @return completion once the server unblocked them */
    Mono<Void> unblock(Collection<? extends Jid> jids);

    /** @return completion once the server unblocked everyone */
    Mono<Void> unblockAll();

    /** @return every change, own and pushed, hot (256 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}); completes when the session ends */
    Flux<BlockingChange> changes();
}
