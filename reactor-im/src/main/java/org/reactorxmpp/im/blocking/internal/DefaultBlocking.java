package org.reactorxmpp.im.blocking.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.reactorxmpp.im.blocking.Blocking;
import org.reactorxmpp.im.blocking.BlockingChange;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The block list of one session. Not API. */
public final class DefaultBlocking implements Blocking {

    private static final XmlName ITEM = XmlName.of(NAMESPACE, "item");
    /** Changes buffered per subscriber. */
    static final int BUFFER = 256;

    private final XmppSession session;
    private final Set<Jid> list = new LinkedHashSet<>();
    private final HotStream<BlockingChange> changes = HotStream.live("blocking changes", BUFFER);

    private DefaultBlocking(XmppSession session) {
        this.session = session;
    }

    /**
     * @param ctx the feature context
     * @return the service, applying block and unblock pushes until the session ends
     */
    public static Blocking install(FeatureContext ctx) {
        DefaultBlocking blocking = new DefaultBlocking(ctx.session());
        ctx.handle(Iq.Type.SET, XmlName.of(NAMESPACE, "block"), blocking::push);
        ctx.handle(Iq.Type.SET, XmlName.of(NAMESPACE, "unblock"), blocking::push);
        ctx.onDispose(blocking.changes::complete);
        return blocking;
    }

    private Mono<Iq> push(Iq push) {
        Jid from = push.from();
        if (from != null && !from.equals(session.jid().asBare()) && !from.equals(session.jid())
            && !from.toString().equals(session.jid().domainpart())) {
            return Mono.just(push.errorWith(StanzaError.of(StanzaError.Condition.FORBIDDEN)));
        }
        XmlElement payload = push.payload().orElseThrow();
        apply(payload.localName().equals("block"), jids(payload));
        return Mono.just(push.resultWith(null));
    }

    private static Set<Jid> jids(XmlElement e) {
        Set<Jid> jids = new LinkedHashSet<>();
        e.elements(ITEM).map(i -> i.attribute("jid")).filter(Objects::nonNull).forEach(j -> jids.add(Jid.parse(j)));
        return jids;
    }

    private void apply(boolean block, Set<Jid> jids) {
        synchronized (list) {
            if (block) {
                list.addAll(jids);
            } else if (jids.isEmpty()) {
                list.clear();
            } else {
                list.removeAll(jids);
            }
            changes.emit(new BlockingChange(block, jids, list));
        }
    }

    @Override
    public Mono<Set<Jid>> load() {
        return session.request(Iq.get(null, XmlElement.empty(NAMESPACE, "blocklist"))).map(reply -> {
            Set<Jid> fetched = reply.payload().map(DefaultBlocking::jids).orElse(Set.of());
            synchronized (list) {
                list.clear();
                list.addAll(fetched);
                return Set.copyOf(list);
            }
        });
    }

    @Override
    public Set<Jid> blocked() {
        synchronized (list) {
            return Set.copyOf(list);
        }
    }

    @Override
    public Mono<Void> block(Collection<? extends Jid> jids) {
        return change("block", jids, true);
    }

    @Override
    public Mono<Void> unblock(Collection<? extends Jid> jids) {
        return change("unblock", jids, true);
    }

    @Override
    public Mono<Void> unblockAll() {
        return change("unblock", List.of(), false);
    }

    private Mono<Void> change(String action, Collection<? extends Jid> jids, boolean needsItems) {
        if (needsItems && jids.isEmpty()) {
            return Mono.error(new IllegalArgumentException(action + " needs at least one JID"));
        }
        Set<Jid> items = new LinkedHashSet<>(jids);
        XmlElement.Builder b = XmlElement.builder(NAMESPACE, action);
        items.forEach(j -> b.child(XmlElement.builder(ITEM).attribute("jid", j.toString()).build()));
        return session.request(Iq.set(null, b.build())).doOnSuccess(r -> apply(action.equals("block"), items)).then();
    }

    @Override
    public Flux<BlockingChange> changes() {
        return changes.flux();
    }
}
