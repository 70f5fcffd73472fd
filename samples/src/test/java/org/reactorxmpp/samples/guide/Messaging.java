package org.reactorxmpp.samples.guide;

import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.geoloc.GeoLocation;
import org.reactorxmpp.im.geoloc.Geoloc;
import org.reactorxmpp.im.muc.Affiliation;
import org.reactorxmpp.im.muc.History;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.muc.RoomConfiguration;
import org.reactorxmpp.im.pubsub.AccessModel;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubCondition;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubException;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.im.pubsub.PublishOptions;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** docs/messaging.md */
final class Messaging {

    private Messaging() {
    }

    static void chat(XmppSession session) {
        // tag::chat[]
        ChatManager chats = ChatManager.of(session);
        chats.incoming().subscribe(chat -> chat.messages()            // chats that contacts start
            .concatMap(m -> chat.send("You said: " + m.body()))
            .subscribe());

        Chat bob = chats.chat(BareJid.parse("bob@example.com"));     // to the bare JID until bob writes
        bob.states().subscribe(state -> System.out.println("bob is " + state));   // XEP-0085
        bob.send("Lunch?").subscribe();
        // end::chat[]
    }

    static void muc(XmppSession session) {
        // tag::muc[]
        Muc muc = Muc.of(session);
        BareJid coven = BareJid.parse("coven@conference.example.com");
        muc.join(coven, "thirdwitch", JoinOptions.builder().password("cauldronburn").history(History.lastMessages(20)).build())
            .flatMapMany(room -> room.send("Harpier cries: 'tis time").thenMany(room.messages()))
            .subscribe(m -> System.out.println((m.history() ? "[history] " : "") + m.nick() + ": " + m.body().orElse("")));

        // a reserved room, configured from the form the server sent (a setting it lacks is an UNSUPPORTED error)
        muc.createReserved(BareJid.parse("balcony@conference.example.com"), "juliet",
                config -> config.persistent(true).membersOnly(true).whois(RoomConfiguration.Whois.MODERATORS))
            .flatMap(room -> room.changeAffiliation(BareJid.parse("romeo@example.com"), Affiliation.MEMBER, null)
                .then(room.invite(BareJid.parse("romeo@example.com"), "come up")))
            .subscribe();

        muc.invitations().flatMap(inv -> inv.accept("romeo")).subscribe();   // mediated and direct, one stream
        // end::muc[]
    }

    static void pubsub(XmppSession session, XmlElement entry) {
        // tag::pubsub[]
        PubSub pubsub = PubSub.of(session, Jid.domain("pubsub.example.com"));
        pubsub.events().ofType(PubSubEvent.Published.class)
            .subscribe(e -> e.items().forEach(item -> System.out.println(item.id())));
        pubsub.defaultConfiguration()
            .flatMap(c -> pubsub.createNode("news", c.maxItems(100).accessModel(AccessModel.OPEN)))
            .then(pubsub.publish("news", PubSubItem.of("first", entry),
                PublishOptions.empty().accessModel(AccessModel.OPEN)))
            .onErrorResume(PubSubException.class, e -> e.pubsubCondition() == PubSubCondition.PRECONDITION_NOT_MET
                ? Mono.empty() : Mono.error(e))
            .subscribe();
        // end::pubsub[]
    }

    static Disposable pep(XmppSession session) {
        // tag::pep[]
        // PEP: an interest is `node+notify` in the session's capabilities while someone listens
        GeoLocation geo = GeoLocation.of(session);
        Disposable watching = geo.locations().subscribe(l -> System.out.println(l.contact() + ": " + l.geoloc()));
        geo.publish(Geoloc.builder().lat(45.4384).lon(10.9916).locality("Verona").build()).subscribe();
        // watching.dispose() withdraws the interest; presence is re-sent with the previous ver
        // end::pep[]
        return watching;
    }
}
