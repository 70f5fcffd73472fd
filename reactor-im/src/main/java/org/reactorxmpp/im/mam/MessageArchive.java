package org.reactorxmpp.im.mam;

import org.reactorxmpp.im.mam.internal.DefaultMessageArchive;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's message archive (XEP-0313, {@value #NAMESPACE}). A query is one lazy {@link Flux}
 * in archive order over all its pages: each page is a query with its own {@code queryid}, results
 * are matched by it (and accepted only from the own bare JID or the server), the next page starts
 * after the last id of the previous one, until the server says {@code complete} or a page is empty.
 *
 * <pre>{@code
 * MessageArchive.of(session)
 *     .query(ArchiveQuery.builder().with(BareJid.parse("bob@example.com")).pageSize(50).build())
 *     .subscribe(a -> System.out.println(a.forwarded().delay() + " " + a.forwarded().message().body()));
 * }</pre>
 */
public interface MessageArchive {

    /** {@code urn:xmpp:mam:2}. */
    String NAMESPACE = "urn:xmpp:mam:2";

    /** The archive feature. */
    FeatureKey<MessageArchive> KEY = FeatureKey.of("mam", DefaultMessageArchive::install);

    /**
     * @param session the session
     * @return its archive client
     */
    static MessageArchive of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * @param query what to fetch
     * @return the results in order, all pages; errors with the server's {@code StanzaErrorException}
     */
    Flux<ArchivedMessage> query(ArchiveQuery query);

    /** @return the archiving preferences */
    Mono<ArchivePreferences> preferences();

    /**
     * @param preferences the new preferences
     * @return the preferences as the server stored them
     */
    Mono<ArchivePreferences> preferences(ArchivePreferences preferences);
}
