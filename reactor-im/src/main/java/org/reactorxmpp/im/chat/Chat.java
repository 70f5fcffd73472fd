package org.reactorxmpp.im.chat;

import java.util.Optional;

import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A one-to-one conversation with one contact (RFC 6121 section 5.1), obtained from
 * {@link ChatManager}. Messages go to the contact's bare JID until the contact writes from a full
 * JID; the chat then locks to that resource, and unlocks when that resource's presence changes.
 * Every message carries the chat's {@link #thread()}.
 *
 * <p>A private conversation with a room occupant ({@code room@service/nick}, XEP-0045 section 7.5) is a
 * chat of its own, one per occupant: {@link #occupant()} names it, it always sends to that full JID (never
 * to the room), and its messages carry the {@code <x xmlns='http://jabber.org/protocol/muc#user'/>} the
 * specification asks for.
 *
 * <pre>{@code
 * Chat chat = ChatManager.of(session).chat(BareJid.parse("bob@example.com"));
 * chat.messages().subscribe(m -> System.out.println((m.outgoing() ? "me: " : "bob: ") + m.body()));
 * chat.states().subscribe(s -> System.out.println("bob is " + s));
 * chat.send("Hello").subscribe();
 * chat.typing(keystrokes).subscribe();   // composing, then paused when the user stops typing
 * }</pre>
 */
public interface Chat {

    /** @return the contact; for a private chat with a room occupant, the room */
    BareJid peer();

    /** @return the room occupant this private chat is with (XEP-0045 section 7.5); empty for a chat with a contact */
    Optional<FullJid> occupant();

    /** @return the thread id of this conversation */
    String thread();

    /** @return the resource the chat is locked to, if any (a private chat with a room occupant: the occupant) */
    Optional<FullJid> lockedTo();

    /** @return where messages go now: the locked resource, or the bare JID */
    Jid target();

    /**
     * Sends a text with the {@code active} chat state.
     *
     * @param text the body
     * @return the message sent (with its id, e.g. for delivery receipts), once written
     */
    Mono<Message> send(String text);

    /**
     * Sends a prepared message (e.g. with XHTML-IM or a receipt request) in this chat: its {@code to},
     * type ({@code chat}) and thread are set; an id is added when it has none.
     *
     * @param message the message
     * @return the message as sent
     */
    Mono<Message> send(Message message);

    /**
     * Sends a standalone chat state (a message with no body).
     *
     * @param state the state
     * @return completion once written
     */
    Mono<Void> state(ChatState state);

    /**
     * Sends {@code composing} / {@code paused} from keystrokes, see {@link Typing#states}.
     *
     * @param keystrokes one signal per keystroke
     * @return completion when the keystrokes complete and the last state was sent; cancel to stop
     */
    Mono<Void> typing(Publisher<?> keystrokes);

    /**
     * The messages with a body of this conversation, hot: those the contact sent to this resource,
     * and, when {@link org.reactorxmpp.im.carbons.Carbons carbons} are enabled, the copies of those
     * the contact sent to another resource of the account ({@link ChatMessage.Origin#CARBON_RECEIVED})
     * and of those another resource sent to the contact ({@link ChatMessage.Origin#CARBON_SENT}).
     * Those received while nobody is subscribed (before the first subscriber, or after the last one
     * left) are kept for the next subscriber (up to 256), so a chat started by the contact, or by its
     * offline messages while the session connected, loses nothing; a subscriber that takes only some
     * of them (for example {@code next()}) leaves the others for the next one. A subscriber more than
     * 256 messages behind (and a subscriber that comes after more than 256 were kept) gets the buffered
     * ones, then a {@link org.reactorxmpp.im.FeatureOverflowException}; none is dropped silently.
     * Messages already handed to a subscriber that cancels are its own: they are not kept again.
     *
     * @return the messages; completes when the session ends
     */
    Flux<ChatMessage> messages();

    /**
     * The chat states the contact sent (also those carried by messages, and by received carbons), hot,
     * kept while nobody is subscribed and bounded like {@link #messages()}.
     *
     * @return the states; completes with the session
     */
    Flux<ChatState> states();
}
