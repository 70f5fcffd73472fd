package org.reactorxmpp.im.chat.internal;

import java.util.Objects;
import java.util.Optional;

import org.reactivestreams.Publisher;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.internal.Ids;
import org.reactorxmpp.im.chat.ChatOptions;
import org.reactorxmpp.im.chat.Typing;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** One chat: the lock, the thread, the received messages and states. */
final class DefaultChat implements Chat {

    private static final int KEPT = 256;

    private final XmppSession session;
    private final ChatOptions options;
    private final BareJid peer;
    private final String thread;
    private final Sinks.Many<Message> messages = Sinks.many().multicast().onBackpressureBuffer(KEPT, false);
    private final Sinks.Many<ChatState> states = Sinks.many().multicast().onBackpressureBuffer(Queues.SMALL_BUFFER_SIZE, false);
    private volatile @Nullable FullJid locked;

    DefaultChat(XmppSession session, ChatOptions options, BareJid peer, String thread) {
        this.session = session;
        this.options = options;
        this.peer = peer;
        this.thread = thread;
    }

    /** An inbound chat message from the peer: lock to its resource, emit its state and body. */
    void received(Message m) {
        if (m.from() instanceof FullJid full) {
            locked = full;
        }
        ChatState.of(m.element()).ifPresent(states::tryEmitNext);
        if (m.body() != null) {
            messages.tryEmitNext(m);
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
        messages.tryEmitComplete();
        states.tryEmitComplete();
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
    public Optional<FullJid> lockedTo() {
        return Optional.ofNullable(locked);
    }

    @Override
    public Jid target() {
        FullJid current = locked;
        return current != null ? current : peer;
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
            Message.Builder b = message.toBuilder().to(target()).type(Message.Type.CHAT);
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
        return Mono.defer(() -> session.send(Message.builder().to(target()).type(Message.Type.CHAT)
            .thread(thread).child(state.toElement()).build()));
    }

    @Override
    public Mono<Void> typing(Publisher<?> keystrokes) {
        return Typing.states(keystrokes, options.pausedAfter(), options.scheduler()).concatMap(this::state).then();
    }

    @Override
    public Flux<Message> messages() {
        return messages.asFlux();
    }

    @Override
    public Flux<ChatState> states() {
        return states.asFlux();
    }

    @Override
    public String toString() {
        return "Chat{" + peer + ", thread " + thread + ", locked to " + locked + "}";
    }
}
