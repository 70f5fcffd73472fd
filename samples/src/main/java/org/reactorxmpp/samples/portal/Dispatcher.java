package org.reactorxmpp.samples.portal;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Routes visitors to agents by presence. The portal's own account ({@code portal}) is subscribed to every
 * agent's presence (agents approve it automatically), so the choice is made from what the XMPP server
 * says: agents showing {@code chat} or plain available first, then {@code away}; {@code xa} and {@code dnd}
 * take no new chats; among equals the one with the fewest open chats. Visitors wait in a queue while no
 * agent can take them, and are assigned as soon as one's presence allows it.
 */
final class Dispatcher {

    private final PresenceService presence;
    private final List<BareJid> agents;
    private final Map<BareJid, AgentDesk> desks = new ConcurrentHashMap<>();
    private final Deque<VisitorLine> waiting = new ArrayDeque<>();
    private final Sinks.Many<ArrayNode> board = Sinks.many().replay().latest();

    private Dispatcher(XmppSession session, List<BareJid> agents) {
        this.presence = PresenceService.of(session);
        this.agents = List.copyOf(agents);
    }

    /**
     * @param xmpp the server
     * @param password the portal account's password
     * @param agents the agents' JIDs
     * @return the dispatcher, once subscribed to the agents
     */
    static Mono<Dispatcher> start(Xmpp xmpp, String password, List<BareJid> agents) {
        return xmpp.login("portal", password).flatMap(session -> {
            Dispatcher dispatcher = new Dispatcher(session, agents);
            dispatcher.presence.changes().subscribe(change -> dispatcher.changed());
            Roster roster = Roster.of(session);
            return Flux.fromIterable(agents).concatMap(roster::subscribe).then(Mono.fromRunnable(dispatcher::changed))
                .thenReturn(dispatcher);
        });
    }

    /** @param line a visitor waiting for an agent */
    void enqueue(VisitorLine line) {
        synchronized (waiting) {
            waiting.remove(line);
            waiting.addLast(line);
        }
        assignWaiting();
    }

    /** @param line a visitor who left before an agent took the chat */
    void withdraw(VisitorLine line) {
        synchronized (waiting) {
            waiting.remove(line);
        }
    }

    /** @param desk an agent who signed in to the console */
    void register(AgentDesk desk) {
        desks.put(desk.jid(), desk);
        changed();
    }

    /** @param desk an agent who signed out */
    void unregister(AgentDesk desk) {
        desks.remove(desk.jid(), desk);
        changed();
    }

    /** @param jid an agent @return the agent's desk when signed in */
    Optional<AgentDesk> desk(BareJid jid) {
        return Optional.ofNullable(desks.get(jid));
    }

    /** @param agent an agent @return the agent's presence as the portal's subscription shows it */
    String show(BareJid agent) {
        return show(presence.contact(agent));
    }

    /** @return every agent with its presence and open chats, now and after each change */
    Flux<ArrayNode> board() {
        return board.asFlux();
    }

    private void changed() {
        assignWaiting();
        publishBoard();
    }

    private void publishBoard() {
        // read and emitted under one lock: a presence change (the portal session's thread) and a desk registering
        // (the agent's) can publish at once, and a list read before the other's change must not be emitted after it
        synchronized (board) {
            ArrayNode list = Channel.JSON.createArrayNode();
            for (BareJid agent : agents) {
                ObjectNode entry = list.addObject().put("jid", agent.toString()).put("name", Xmpp.user(agent));
                entry.put("show", show(presence.contact(agent)));
                AgentDesk desk = desks.get(agent);
                entry.put("chats", desk == null ? 0 : desk.openChats());
            }
            board.tryEmitNext(list);
        }
    }

    private void assignWaiting() {
        while (true) {
            VisitorLine next;
            AgentDesk desk;
            synchronized (waiting) {
                Optional<AgentDesk> best = pick();
                if (waiting.isEmpty() || best.isEmpty()) {
                    return;
                }
                next = waiting.pollFirst();
                desk = best.get();
                desk.reserve();
            }
            next.assignedTo(desk);     // the visitor listens first (the agent's directed presence comes at once)
            desk.assign(next);
            next.ask();
            publishBoard();
        }
    }

    /** @return the agent who should take the next chat, if any can */
    Optional<AgentDesk> pick() {
        return desks.values().stream()
            .filter(d -> rank(presence.contact(d.jid())) < 2)
            .min(Comparator.<AgentDesk>comparingInt(d -> rank(presence.contact(d.jid())))
                .thenComparingInt(AgentDesk::openChats));
    }

    /** @return 0 for chat or available, 1 for away, 2 for everything else (offline, xa, dnd) */
    static int rank(ContactPresence contact) {
        return contact.primary()
            .map(r -> r.show().map(show -> show == Presence.Show.CHAT ? 0 : show == Presence.Show.AWAY ? 1 : 2).orElse(0))
            .orElse(2);
    }

    /** @return how the page shows it: offline, available, chat, away, xa, dnd */
    static String show(ContactPresence contact) {
        return contact.primary().map(r -> r.show().map(Presence.Show::value).orElse("available")).orElse("offline");
    }
}
