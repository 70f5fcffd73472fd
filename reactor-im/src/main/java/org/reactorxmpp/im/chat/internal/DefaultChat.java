package org.reactorxmpp.im.chat.internal;

import java.util.Objects;
import java.util.Optional;

import org.reactivestreams.Publisher;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatMessage;
import org.reactorxmpp.im.chat.ChatOptions;
import org.reactorxmpp.im.chat.Typing;
import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.internal.OccupiedRooms;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One chat: the lock, the thread, the received messages (and carbons) and states. A chat with a room
 * occupant (XEP-0045 section 7.5) is fixed to the occupant's full JID: it never locks elsewhere nor falls
 * back to the room's bare JID, and what it sends carries the muc#user {@code <x/>}.
 */
final class DefaultChat implements Chat {

    /** Events buffered per subscriber, and kept while nobody is subscribed. */
    static final int KEPT = 256;

    private final XmppSession session;
    private final ChatOptions options;
    private final BareJid peer;
    private final @Nullable FullJid occupant;
    private final String thread;
    private final HotStream<ChatMessage> messages;
    private final HotStream<ChatState> states;
    private volatile @Nullable FullJid locked;

    /**
     * @param key the contact's bare JID, or a room occupant's full JID
     */
    DefaultChat(XmppSession session, ChatOptions options, Jid key, String thread) {
        this.session = session;
        this.options = options;
        this.peer = key.asBare();
        this.occupant = key instanceof FullJid full ? full : null;
        this.thread = thread;
        this.messages = HotStream.keepingWhileUnsubscribed("chat messages of " + key, KEPT);
        this.states = HotStream.keepingWhileUnsubscribed("chat states of " + key, KEPT);
    }

    /**
     * An inbound chat message from the peer, or a carbon of one: lock to the peer's resource that
     * wrote, emit its state and body. A sent carbon (another resource of ours wrote) changes no lock
     * and carries no state of the peer.
     *
     * @param m the message as the peer sent it, or as another resource sent it (sent carbon)
     * @param origin how it reached us
     * @param delay the carbon's or the message's delay
     */
    void received(Message m, ChatMessage.Origin origin, Optional<Delay> delay) {
        if (origin != ChatMessage.Origin.CARBON_SENT) {
            if (occupant == null && m.from() instanceof FullJid full && full.asBare().equals(peer)) {
                locked = full;
            }
            ChatState.of(m.element()).ifPresent(states::emit);
        }
        if (m.body() != null) {
            messages.emit(new ChatMessage(m, origin, delay.or(() -> delayOf(m))));
        }
    }

    private static Optional<Delay> delayOf(Message m) {
        try {
            return m.extension(Delay.CODEC);
        } catch (ExtensionDecodeException e) {
            return Optional.empty(); // a malformed delay does not lose the message
        }
    }

    /** A presence from the peer: unlock when it comes from the locked resource or the bare JID. */
    void presenceChanged(Jid from) {
        FullJid current = locked;
        if (current != null && (from.equals(current) || from.resourcepart().isEmpty())) {
            locked = null;
        }
    }

    void lock(FullJid full) {
        locked = full;
    }

    void complete() {
        messages.complete();
        states.complete();
    }

    @Override
    public BareJid peer() {
        return peer;
    }

    @Override
    public String thread() {
        return thread;
    }

    @Override
    public Optional<FullJid> occupant() {
        return Optional.ofNullable(occupant);
    }

    @Override
    public Optional<FullJid> lockedTo() {
        return Optional.ofNullable(occupant != null ? occupant : locked);
    }

    @Override
    public Jid target() {
        if (occupant != null) {
            return occupant;
        }
        FullJid current = locked;
        return current != null ? current : peer;
    }

    /** A private message in a room says so (XEP-0045 section 7.5), unless {@code already} does. */
    private Message.Builder marked(Message.Builder b, boolean already) {
        return occupant != null && !already
            ? b.child(XmlElement.empty(OccupiedRooms.MUC_USER.namespace(), OccupiedRooms.MUC_USER.localName())) : b;
    }

    @Override
    public Mono<Message> send(String text) {
        Objects.requireNonNull(text, "text");
        return send(Message.builder().body(text).child(ChatState.ACTIVE.toElement()).build());
    }

    @Override
    public Mono<Message> send(Message message) {
        Objects.requireNonNull(message, "message");
        return Mono.defer(() -> {
            Message.Builder b = marked(message.toBuilder().to(target()).type(Message.Type.CHAT), message.has(OccupiedRooms.MUC_USER));
            if (message.thread().isEmpty()) {
                b.thread(thread);
            }
            if (message.id() == null) {
                b.id(Ids.next());
            }
            Message out = b.build();
            return session.send(out).thenReturn(out);
        });
    }

    @Override
    public Mono<Void> state(ChatState state) {
        Objects.requireNonNull(state, "state");
        return Mono.defer(() -> session.send(marked(Message.builder().to(target()).type(Message.Type.CHAT)
            .thread(thread).child(state.toElement()), false).build()));
    }

    @Override
    public Mono<Void> typing(Publisher<?> keystrokes) {
        return Typing.states(keystrokes, options.pausedAfter(), options.scheduler()).concatMap(this::state).then();
    }

    @Override
    public Flux<ChatMessage> messages() {
        return messages.flux();
    }

    @Override
    public Flux<ChatState> states() {
        return states.flux();
    }

    @Override
    public String toString() {
        return occupant != null ? "Chat{" + occupant + " (room occupant), thread " + thread + "}"
            : "Chat{" + peer + ", thread " + thread + ", locked to " + locked + "}";
    }
}
