package org.reactorxmpp.im.chat.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.im.carbons.Carbon;
import org.reactorxmpp.im.carbons.Carbons;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatMessage;
import org.reactorxmpp.im.chat.ChatOptions;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.internal.OccupiedRooms;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The chats of one session, installed as its {@link ChatManager#KEY} feature. Carbons (XEP-0280)
 * come from the session's {@link Carbons} feature, which accepts only those from the own bare JID:
 * each is handed to the chat with the contact it concerns. A chat is keyed by the contact's bare JID,
 * or, for private messages with a room occupant (XEP-0045 section 7.5), by the occupant's full JID
 * ({@link OccupiedRooms} tells them apart).
 */
final class DefaultChatManager implements ChatManager {

    private static final Logger log = LoggerFactory.getLogger(DefaultChatManager.class);
    /** Chats buffered per {@link #incoming()} subscriber (the replay of those started before it included). */
    static final int INCOMING = 256;

    private final XmppSession session;
    private final ChatOptions options;
    private final OccupiedRooms rooms;
    private final Map<Jid, DefaultChat> chats = new LinkedHashMap<>();
    /**
     * Every chat a contact started, replayed to each subscriber: offline messages open chats while
     * the session connects, before {@code connect()} hands it out, and a chat must never go unannounced.
     * Costs one reference per such chat, which {@link #chats} holds anyway.
     */
    private final HotStream<Chat> incoming = HotStream.replayingAll("chats started by contacts", INCOMING);

    private DefaultChatManager(XmppSession session, ChatOptions options, OccupiedRooms rooms) {
        this.session = session;
        this.options = options;
        this.rooms = rooms;
    }

    static ChatManager install(FeatureContext ctx, ChatOptions options) {
        DefaultChatManager manager = new DefaultChatManager(ctx.session(), options, ctx.feature(OccupiedRooms.KEY));
        ctx.capability(ChatState.NAMESPACE);
        ctx.route(Message.class, manager::isChatMessage, manager::received);
        ctx.route(Presence.class, p -> p.from() instanceof FullJid || p.type() == Presence.Type.UNAVAILABLE,
            manager::presence);
        ctx.onDispose(ctx.feature(Carbons.KEY).carbons().subscribe(manager::carbon,
            e -> log.warn("{}: carbons no longer reach the chats: {}", manager.session.jid(), e.toString())));
        ctx.onDispose(manager::complete);
        return manager;
    }

    /** A valid carbon: to the chat with the contact (the sender of a received one, the addressee of a sent one). */
    private void carbon(Carbon carbon) {
        Message m = carbon.forwarded().message();
        boolean sent = carbon.direction() == Carbon.Direction.SENT;
        Jid contact = sent ? m.to() : m.from();
        if (m.type() != Message.Type.CHAT || contact == null || contact.asBare().equals(session.jid().asBare())
            || (m.body() == null && ChatState.of(m.element()).isEmpty())) {
            return;
        }
        deliver(keyOf(contact, m), m, sent ? ChatMessage.Origin.CARBON_SENT : ChatMessage.Origin.CARBON_RECEIVED,
            carbon.forwarded().delay());
    }

    private boolean isChatMessage(Message m) {
        Jid from = m.from();
        return m.type() == Message.Type.CHAT && from != null
            && !from.asBare().equals(session.jid().asBare())
            && (m.body() != null || ChatState.of(m.element()).isPresent());
    }

    private void received(Message m) {
        deliver(keyOf(Objects.requireNonNull(m.from()), m), m, ChatMessage.Origin.RECEIVED, Optional.empty());
    }

    /** @return the occupant's full JID for a private message in a room, else the contact's bare JID */
    private Jid keyOf(Jid peer, Message m) {
        return rooms.isPrivateMessage(peer, m) ? peer : peer.asBare();
    }

    private void deliver(Jid peer, Message m, ChatMessage.Origin origin, Optional<Delay> delay) {
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
        chat.received(m, origin, delay);
        if (created) {
            incoming.emit(chat);
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
            Jid key = jid instanceof FullJid occupant && rooms.isRoom(occupant.asBare()) ? occupant : jid.asBare();
            DefaultChat chat = chats.computeIfAbsent(key, k -> new DefaultChat(session, options, k, Ids.next()));
            if (key != jid && jid instanceof FullJid full) {
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
        return incoming.flux();
    }

    private void complete() {
        List<DefaultChat> all;
        synchronized (chats) {
            all = List.copyOf(chats.values());
        }
        all.forEach(DefaultChat::complete);
        incoming.complete();
    }

    @Override
    public String toString() {
        return "ChatManager{" + session.jid() + "}";
    }
}
