package org.reactorxmpp.im.chat;

import java.util.Collection;

import org.reactorxmpp.im.chat.internal.ChatFeature;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;

/**
 * The one-to-one chats of a session, one {@link Chat} per contact's bare JID, and one per room occupant
 * ({@code room@service/nick}) for private messages in a room (XEP-0045 section 7.5: the message carries
 * the muc#user {@code <x/>}, or comes from a room this session is in), so two occupants of a room, and the
 * room itself, never share a chat. A feature of the
 * session ({@link #KEY}): {@code ChatManager.of(session)} returns the same instance each time. It
 * handles inbound messages of type {@code chat} with a body or a chat state (XEP-0085, advertised
 * in disco/caps): a message from a contact without a chat starts one, announced on
 * {@link #incoming()}. Carbons (XEP-0280, once {@code Carbons.of(session).enable()}d) of chat
 * messages other resources of the account received or sent appear in the chat with that contact,
 * marked as such ({@link ChatMessage#origin()}); forged carbons never reach a chat.
 *
 * <pre>{@code
 * ChatManager chats = ChatManager.of(session);
 * chats.incoming().subscribe(chat -> chat.messages()
 *     .filter(m -> !m.carbon())
 *     .flatMap(m -> chat.send("You said: " + m.body()))
 *     .subscribe());
 * chats.chat(BareJid.parse("bob@example.com")).send("Hi Bob").subscribe();
 * }</pre>
 */
public interface ChatManager {

    /** The chat feature with default options. */
    FeatureKey<ChatManager> KEY = FeatureKey.of("chat", () -> new ChatFeature(ChatOptions.defaults()));

    /**
     * @param session the session
     * @return its chats
     */
    static ChatManager of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * @param session the session
     * @param options the options
     * @return its chats, installed with these options if not yet installed
     * @throws IllegalStateException when installed with other options
     */
    static ChatManager of(XmppSession session, ChatOptions options) {
        return session.feature(feature(options));
    }

    /**
     * @param options the options
     * @return the feature, e.g. for {@code XmppClient.Builder#feature}
     */
    static Feature<ChatManager> feature(ChatOptions options) {
        return new ChatFeature(options);
    }

    /**
     * The chat with a contact: the existing one, or a new one with a new thread (locked to the
     * resource when {@code jid} is a full JID). The full JID of an occupant of a room this session is
     * in gives the private chat with that occupant.
     *
     * @param jid the contact
     * @return the chat
     */
    Chat chat(Jid jid);

    /**
     * @return the chats of this session so far, a snapshot; to follow the chats contacts start, subscribe
     *     to {@link #incoming()} instead of combining the two (it replays the earlier ones itself, without
     *     the gap between a snapshot and a subscription)
     */
    Collection<Chat> chats();

    /**
     * The chats that were not opened with {@link #chat(Jid)}: started by a contact's message, or by a
     * carbon of a conversation another resource of the account had. Each subscriber first gets those
     * started before it subscribed, in order, then the new ones, each chat once: none is missed, also
     * not the chats that offline messages open while the session connects (the server sends them right
     * after the initial presence, which may be before {@code connect()} returns). Each chat keeps its
     * messages while nobody is subscribed to them ({@link Chat#messages()}), so nothing they carried is
     * lost either. 256 chats are buffered per subscriber, the replay included (more than that waiting for
     * a subscriber: it gets them, then a {@link org.reactorxmpp.im.FeatureOverflowException}).
     *
     * <pre>{@code
     * XmppSession session = XmppClient.builder()...feature(ChatManager.KEY).build().connect().block();
     * ChatManager.of(session).incoming()   // also the chats opened by offline messages during connect
     *     .subscribe(chat -> chat.messages().subscribe(m -> show(chat.peer(), m)));
     * }</pre>
     *
     * @return the chats started by contacts, those so far first; completes when the session ends
     */
    Flux<Chat> incoming();
}
