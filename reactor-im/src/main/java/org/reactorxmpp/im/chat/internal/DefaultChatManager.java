package org.reactorxmpp.im.chat.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatOptions;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The chats of one session, installed as its {@link ChatManager#KEY} feature. */
final class DefaultChatManager implements ChatManager {

    private final XmppSession session;
    private final ChatOptions options;
    private final Map<BareJid, DefaultChat> chats = new LinkedHashMap<>();
    private final Sinks.Many<Chat> incoming = Sinks.many().multicast().directBestEffort();

    private DefaultChatManager(XmppSession session, ChatOptions options) {
        this.session = session;
        this.options = options;
    }

    static ChatManager install(FeatureContext ctx, ChatOptions options) {
        DefaultChatManager manager = new DefaultChatManager(ctx.session(), options);
        ctx.capability(ChatState.NAMESPACE);
        ctx.route(Message.class, manager::isChatMessage, manager::received);
        ctx.route(Presence.class, p -> p.from() instanceof FullJid || p.type() == Presence.Type.UNAVAILABLE,
            manager::presence);
        ctx.onDispose(manager::complete);
        return manager;
    }

    private boolean isChatMessage(Message m) {
        Jid from = m.from();
        return m.type() == Message.Type.CHAT && from != null
            && !from.asBare().equals(session.jid().asBare())
            && (m.body() != null || ChatState.of(m.element()).isPresent());
    }

    private void received(Message m) {
        BareJid peer = Objects.requireNonNull(m.from()).asBare();
        DefaultChat chat;
        boolean created = false;
        synchronized (chats) {
            chat = chats.get(peer);
            if (chat == null) {
                if (m.body() == null) {
                    return; // a chat state alone does not start a chat
                }
                chat = new DefaultChat(session, options, peer, m.thread().orElseGet(Ids::next));
                chats.put(peer, chat);
                created = true;
            }
        }
        chat.received(m);
        if (created) {
            incoming.tryEmitNext(chat);
        }
    }

    private void presence(Presence p) {
        Jid from = Objects.requireNonNull(p.from());
        DefaultChat chat;
        synchronized (chats) {
            chat = chats.get(from.asBare());
        }
        if (chat != null) {
            chat.presenceChanged(from);
        }
    }

    @Override
    public Chat chat(Jid jid) {
        Objects.requireNonNull(jid, "jid");
        synchronized (chats) {
            DefaultChat chat = chats.computeIfAbsent(jid.asBare(),
                bare -> new DefaultChat(session, options, bare, Ids.next()));
            if (jid instanceof FullJid full) {
                chat.lock(full);
            }
            return chat;
        }
    }

    @Override
    public Collection<Chat> chats() {
        synchronized (chats) {
            return List.copyOf(chats.values());
        }
    }

    @Override
    public Flux<Chat> incoming() {
        return incoming.asFlux().onBackpressureBuffer(256);
    }

    private void complete() {
        List<DefaultChat> all;
        synchronized (chats) {
            all = List.copyOf(chats.values());
        }
        all.forEach(DefaultChat::complete);
        incoming.tryEmitComplete();
    }

    @Override
    public String toString() {
        return "ChatManager{" + session.jid() + "}";
    }
}
