package org.reactorxmpp.im.mam.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.mam.ArchivePreferences;
import org.reactorxmpp.im.mam.ArchiveQuery;
import org.reactorxmpp.im.mam.ArchivedMessage;
import org.reactorxmpp.im.mam.MessageArchive;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The archive client of one session. Not API. */
public final class DefaultMessageArchive implements MessageArchive {

    private static final Logger log = LoggerFactory.getLogger(DefaultMessageArchive.class);
    static final String RSM = "http://jabber.org/protocol/rsm";
    private static final XmlName RESULT = XmlName.of(NAMESPACE, "result");

    private final XmppSession session;
    /**
     * Results to the running queries. A best-effort sink loses nothing here: each page subscribes its
     * collector (no limit on demand) before it sends the query, and keeps it until the query's answer;
     * a result with no collector answers no running query (a cancelled one, or none of ours) and is
     * left unread, which is what the canceller asked for. Routes run one at a time, so no emission
     * fails for concurrency.
     */
    private final Sinks.Many<Result> results = Sinks.many().multicast().directBestEffort();

    private DefaultMessageArchive(XmppSession session) {
        this.session = session;
    }

    /**
     * @param ctx the feature context
     * @return the archive client, receiving results until the session ends
     */
    public static MessageArchive install(FeatureContext ctx) {
        DefaultMessageArchive archive = new DefaultMessageArchive(ctx.session());
        ctx.route(Message.class, m -> m.has(RESULT), archive::result);
        ctx.onDispose(archive.results::tryEmitComplete);
        return archive;
    }

    private record Result(String queryId, ArchivedMessage message) {
    }

    private record Page(List<ArchivedMessage> messages, @Nullable String last, boolean complete) {
        boolean hasNext() {
            return !complete && last != null && !messages.isEmpty();
        }
    }

    private void result(Message m) {
        Jid from = m.from();
        if (from != null && !from.equals(session.jid().asBare())) {
            log.warn("[{}] dropped an archive result from {} (results come from the own archive only)", SessionLog.id(session), from);
            return;
        }
        XmlElement result = Objects.requireNonNull(m.element().element(RESULT));
        String queryId = result.attribute("queryid");
        String id = result.attribute("id");
        if (queryId == null || id == null) {
            return;
        }
        try {
            Forwarded.in(result).ifPresent(f -> {
                if (results.tryEmitNext(new Result(queryId, new ArchivedMessage(id, f))).isFailure()) {
                    log.debug("[{}] archive result {} of query {} answers no running query (cancelled?): not delivered",
                        SessionLog.id(session), id, queryId);
                }
            });
        } catch (ExtensionDecodeException e) {
            log.warn("[{}] dropped a malformed archive result: {}", SessionLog.id(session), e.getMessage());
        }
    }

    @Override
    public Flux<ArchivedMessage> query(ArchiveQuery query) {
        Objects.requireNonNull(query, "query");
        return page(query, query.after())
            .expand(p -> p.hasNext() ? page(query, p.last()) : Mono.empty())
            .concatMapIterable(Page::messages);
    }

    private Mono<Page> page(ArchiveQuery query, @Nullable String after) {
        return Mono.defer(() -> {
            String queryId = Ids.next();
            List<ArchivedMessage> received = new ArrayList<>();
            Disposable collecting = results.asFlux().filter(r -> r.queryId().equals(queryId))
                .subscribe(r -> {
                    synchronized (received) {
                        received.add(r.message());
                    }
                });
            XmlElement.Builder set = XmlElement.builder(RSM, "set").textChild(RSM, "max", Integer.toString(query.pageSize()));
            if (after != null) {
                set.textChild(RSM, "after", after);
            }
            XmlElement payload = XmlElement.builder(NAMESPACE, "query").attribute("queryid", queryId)
                .child(DataForm.CODEC.encode(query.form())).child(set.build()).build();
            return session.request(Iq.set(null, payload))
                .map(reply -> {
                    XmlElement fin = reply.payload().filter(p -> p.is(NAMESPACE, "fin")).orElse(null);
                    boolean complete = fin == null || "true".equals(fin.attribute("complete"));
                    XmlElement rsm = fin == null ? null : fin.element(RSM, "set");
                    String last = rsm == null ? null : rsm.childText(XmlName.of(RSM, "last"));
                    synchronized (received) {
                        return new Page(List.copyOf(received), last, complete);
                    }
                })
                .doFinally(s -> collecting.dispose());
        });
    }

    @Override
    public Mono<ArchivePreferences> preferences() {
        return session.request(Iq.get(null, XmlElement.empty(NAMESPACE, "prefs"))).map(PreferencesCodec::fromReply);
    }

    @Override
    public Mono<ArchivePreferences> preferences(ArchivePreferences preferences) {
        Objects.requireNonNull(preferences, "preferences");
        return Mono.defer(() -> session.request(Iq.set(null, PreferencesCodec.encode(preferences)))
            .map(reply -> reply.payload().isPresent() ? PreferencesCodec.fromReply(reply) : preferences));
    }

    @Override
    public String toString() {
        return "MessageArchive{" + session.jid() + "}";
    }
}
