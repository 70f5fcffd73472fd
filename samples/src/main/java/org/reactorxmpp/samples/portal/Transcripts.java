package org.reactorxmpp.samples.portal;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.reactorxmpp.im.mam.ArchiveQuery;
import org.reactorxmpp.im.mam.MessageArchive;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Mono;

/** A chat's transcript from the server's message archive (XEP-0313). */
final class Transcripts {

    private Transcripts() {
    }

    /**
     * @param session whose archive
     * @param peer the other side of the chat
     * @param since when the chat started (the archive keeps whole seconds: one second earlier is asked)
     * @return a {@code transcript} event with one item per archived message with a body, oldest first
     */
    static Mono<ObjectNode> of(XmppSession session, BareJid peer, Instant since) {
        BareJid self = session.jid().asBare();
        return MessageArchive.of(session)
            .query(ArchiveQuery.builder().with(peer).start(since.minusSeconds(1)).pageSize(50).build())
            .map(a -> a.forwarded().message())
            .filter(m -> m.body() != null)
            .collectList()
            .map(messages -> {
                ObjectNode event = Channel.event("transcript").put("peer", peer.toString());
                ArrayNode items = event.putArray("items");
                for (Message m : messages) {
                    boolean mine = m.from() != null && m.from().asBare().equals(self);
                    items.addObject().put("from", mine ? Xmpp.user(self) : Xmpp.user(peer)).put("text", m.body());
                }
                return event;
            });
    }
}
