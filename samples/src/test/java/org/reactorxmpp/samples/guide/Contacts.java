package org.reactorxmpp.samples.guide;

import java.util.List;

import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.transport.Transport;
import reactor.core.publisher.Mono;

/** docs/contacts.md */
final class Contacts {

    private Contacts() {
    }

    static XmppClient declared(Transport transport) {
        // tag::declare[]
        XmppClient client = XmppClient.builder()
            .jid("alice@example.com")
            .password("secret")
            .transport(transport)
            .feature(Roster.feature(RosterOptions.builder()
                .autoAccept(AutoAccept.IN_ROSTER)          // CAXL's auto-accept policies
                .versioning(true)                          // RFC 6121 roster versioning where offered
                .build()))
            .feature(PresenceService.KEY)                  // installed before the first presence goes out
            .build();
        // end::declare[]
        return client;
    }

    static Mono<Void> roster(XmppSession session) {
        // tag::roster[]
        Roster roster = Roster.of(session);                // one per session, gone with it
        roster.changes().subscribe(change -> System.out.println(change.kind() + " " + change.item().jid()));
        roster.requests().flatMap(request -> request.approve()).subscribe();   // subscription requests
        return roster.load()                               // Mono<RosterSnapshot>
            .doOnNext(snapshot -> snapshot.items().forEach(item -> System.out.println(item.jid() + " " + item.groups())))
            .then(roster.add(BareJid.parse("bob@example.com"), "Bob", List.of("Friends")))
            .then(roster.subscribe(BareJid.parse("bob@example.com")));
        // end::roster[]
    }

    static Mono<Void> presence(XmppSession session) {
        // tag::presence[]
        PresenceService presence = PresenceService.of(session);
        presence.changes(BareJid.parse("bob@example.com"))          // every resource of one contact
            .subscribe(change -> System.out.println(change.from() + " -> "
                + change.contact().primary().flatMap(r -> r.show()).map(Presence.Show::toString).orElse("available")));
        return presence.send(Presence.Show.AWAY, "in a meeting", 5);   // show, status, priority
        // end::presence[]
    }

    static Mono<Void> quickContacts(XmppSession session, List<BareJid> team) {
        // tag::quick-contacts[]
        QuickContacts quick = QuickContacts.of(session);             // Cisco temporary presence subscriptions
        quick.changes().subscribe(change -> System.out.println(change.from() + " is "
            + (change.isUnavailable() ? "offline" : "online")));
        return quick.subscribeAll(team, true)                         // rate-sliced: one Slice per batch sent
            .doOnNext(slice -> System.out.println("asked for " + slice.jids().size() + " contacts"))
            .then();
        // end::quick-contacts[]
    }
}
