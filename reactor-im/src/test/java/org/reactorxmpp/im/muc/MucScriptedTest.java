package org.reactorxmpp.im.muc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.chat.Chat;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatMessage;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.transport.TransportException;
import reactor.test.StepVerifier;

/**
 * MUC against a scripted session, for what a real server does not let a test control: the room answering
 * while our join is still being sent, a room that never answers, history sent again after a reconnect,
 * a rejoin that is refused, RSM pages.
 */
class MucScriptedTest {

    private static final BareJid ROOM = BareJid.parse("coven@chat.shakespeare.lit");
    private static final FullJid ME = FullJid.parse("hag66@shakespeare.lit/pda");

    /** What the scripted server answers to each stanza the client sends; changed by the tests. */
    private final java.util.concurrent.atomic.AtomicReference<java.util.function.Function<Stanza, List<Stanza>>> answers =
        new java.util.concurrent.atomic.AtomicReference<>(out -> List.of());
    private final ScriptedTransport server = answeringEverything();
    private final reactor.test.scheduler.VirtualTimeScheduler reconnectTime = reactor.test.scheduler.VirtualTimeScheduler.create();
    private final XmppSession session = XmppClient.builder().jid(ME.toString()).password("any").transport(server)
        .saslScheduler(reactor.core.scheduler.Schedulers.immediate()).sendInitialPresence(false)
        .reconnect(Reconnect.countdown(Duration.ofSeconds(1))).timerScheduler(reconnectTime)
        .build().connect().block(Duration.ofSeconds(5));

    private ScriptedTransport answeringEverything() {
        ScriptedTransport.Builder b = ScriptedTransport.builder(ME.toString()).ignoring(e -> true);
        for (int i = 0; i < 100; i++) {
            b.expect("anything", e -> true).thenRespond(e -> answers.get().apply(Stanza.of(e)).stream().map(Stanza::element).toList());
        }
        return b.build();
    }

    /** As the server: answers IQ requests with {@code answer}, nothing else. */
    private void serveIqs(java.util.function.Function<Iq, Iq> answer) {
        answers.set(out -> out instanceof Iq iq && (iq.type() == Iq.Type.GET || iq.type() == Iq.Type.SET)
            ? List.of(answer.apply(iq)) : List.of());
    }

    private List<Stanza> sent() {
        return ScriptedSessions.sent(server);
    }

    /** The connection drops; the session reconnects after its countdown. */
    private void reconnect() {
        server.last().drop(new TransportException("connection reset", true));
        reconnectTime.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(server.connections()).hasSize(2);
    }

    @AfterEach
    void close() {
        session.close().block();
    }

    private static Stanza stanza(String xml) {
        return Stanza.of(XmlReader.create().read(xml.getBytes(UTF_8)));
    }

    private static String occupant(String nick, String role, String codes) {
        StringBuilder status = new StringBuilder();
        for (String c : codes.isEmpty() ? new String[0] : codes.split(",")) {
            status.append("<status code='").append(c).append("'/>");
        }
        return "<presence xmlns='jabber:client' from='" + ROOM + "/" + nick + "' to='hag66@shakespeare.lit/pda'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='" + role + "'/>" + status
            + "</x></presence>";
    }

    private static String groupchat(String nick, String id, String body, String stamp) {
        return "<message xmlns='jabber:client' type='groupchat' id='" + id + "' from='" + ROOM + "/" + nick + "'><body>" + body
            + "</body>" + (stamp == null ? "" : "<delay xmlns='urn:xmpp:delay' stamp='" + stamp + "' from='" + ROOM + "'/>")
            + "</message>";
    }

    private static final String SUBJECT = "<message xmlns='jabber:client' type='groupchat' from='" + ROOM
        + "/firstwitch'><subject>Spells</subject></message>";

    /** Joins with the room answering while the join presence is being sent; returns the room. */
    private Room joined(String... answers) {
        this.answers.set(out -> out instanceof Presence p && p.type() == Presence.Type.AVAILABLE && p.to() != null
            && p.to().asBare().equals(ROOM) ? java.util.Arrays.stream(answers).map(MucScriptedTest::stanza).toList() : List.of());
        Room room = Muc.of(session).join(ROOM, "thirdwitch").block(Duration.ofSeconds(5));
        this.answers.set(out -> List.of());
        return room;
    }

    @Test
    void answersArrivingBeforeTheJoinPresenceIsWrittenAreNotLostAndTheRoomNamesUs() {
        Room room = joined(occupant("firstwitch", "moderator", ""), occupant("secondwitch", "participant", ""),
            occupant("ThirdWitch", "participant", "110,210"), groupchat("firstwitch", "h1", "Thrice", "2002-10-13T23:58:37Z"),
            SUBJECT);
        assertThat(room.nick()).isEqualTo("ThirdWitch");
        assertThat(room.occupants()).containsOnlyKeys("firstwitch", "secondwitch", "ThirdWitch");
        assertThat(room.subject()).contains("Spells");
        StepVerifier.create(room.messages().take(1))
            .assertNext(m -> {
                assertThat(m.history()).isTrue();
                assertThat(m.delay().stamp()).hasToString("2002-10-13T23:58:37Z");
            })
            .verifyComplete();
        Presence join = (Presence) sent().get(0);
        assertThat(join.element().element(Muc.NAMESPACE, "x")).isNotNull();
    }

    @Test
    void privateMessagesInAJoinedRoomOpenOneChatPerOccupantEvenWithoutTheMucUserElement() {
        ChatManager chats = ChatManager.of(session);
        joined(occupant("firstwitch", "moderator", ""), occupant("secondwitch", "participant", ""),
            occupant("thirdwitch", "participant", "110"), SUBJECT);
        // a service that leaves out the muc#user <x/>: the room being one we are in is enough
        server.push(stanza("<message xmlns='jabber:client' type='chat' from='" + ROOM + "/firstwitch'><body>psst</body></message>"));
        server.push(stanza("<message xmlns='jabber:client' type='chat' from='" + ROOM + "/secondwitch'><body>hey</body></message>"));

        assertThat(chats.chats()).extracting(c -> c.occupant().orElseThrow())
            .containsExactly(ROOM.withResource("firstwitch"), ROOM.withResource("secondwitch"));
        Chat first = chats.chat(ROOM.withResource("firstwitch"));
        assertThat(first.peer()).isEqualTo(ROOM);
        assertThat(first.messages().take(1).map(ChatMessage::body).blockFirst(Duration.ofSeconds(5))).isEqualTo("psst");
        assertThat(first.send("back").block(Duration.ofSeconds(5)).to()).isEqualTo(ROOM.withResource("firstwitch"));

        Muc.of(session).room(ROOM).orElseThrow().leave().subscribe();
        server.push(stanza("<presence xmlns='jabber:client' type='unavailable' from='" + ROOM + "/thirdwitch'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'/><status code='110'/></x></presence>"));
        assertThat(Muc.of(session).room(ROOM)).isEmpty();
        // out of the room, a full JID there is a contact's resource again
        assertThat(chats.chat(ROOM.withResource("fourthwitch")).occupant()).isEmpty();
    }

    @Test
    void aRoomThatNeverAnswersIsATimeoutAndWeLeaveInCaseItAnswersLater() {
        StepVerifier.withVirtualTime(() -> Muc.of(session).join(ROOM, "thirdwitch",
                JoinOptions.builder().timeout(Duration.ofSeconds(10)).build()))
            .expectSubscription()
            .thenAwait(Duration.ofSeconds(10))
            .expectErrorSatisfies(e -> assertThat(((MucException) e).reason()).isEqualTo(MucException.Reason.TIMEOUT))
            .verify(Duration.ofSeconds(5));
        assertThat(sent()).last().satisfies(s -> assertThat(((Presence) s).type()).isEqualTo(Presence.Type.UNAVAILABLE));
        assertThat(Muc.of(session).room(ROOM)).isEmpty();
    }

    @Test
    void errorPresencesAreTypedReasons() {
        answers.set(out -> List.of(stanza("<presence xmlns='jabber:client' type='error' from='" + ROOM + "/thirdwitch'>"
                + "<error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>")));
        StepVerifier.create(Muc.of(session).join(ROOM, "thirdwitch"))
            .expectErrorSatisfies(e -> {
                assertThat(((MucException) e).reason()).isEqualTo(MucException.Reason.NICK_CONFLICT);
                assertThat(((MucException) e).room()).isEqualTo(ROOM);
            })
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void afterAReconnectTheRoomIsEnteredAgainWithHistorySinceTheLastMessageAndNoDuplicates() {
        Room room = joined(occupant("firstwitch", "moderator", ""), occupant("thirdwitch", "participant", "110"), SUBJECT);
        List<String> bodies = new ArrayList<>();
        room.messages().subscribe(m -> bodies.add(m.body().orElse("")));
        server.push(stanza(groupchat("firstwitch", "a1", "one", null)));
        server.push(stanza(groupchat("firstwitch", "a2", "two", null)));

        reconnect();
        Presence again = (Presence) sent().get(sent().size() - 1);
        XmlElement history = again.element().element(Muc.NAMESPACE, "x").element(Muc.NAMESPACE, "history");
        assertThat(history.attribute("since")).isNotNull();
        assertThat(room.joined()).isFalse();

        server.push(stanza(occupant("thirdwitch", "participant", "110")));
        server.push(stanza(groupchat("firstwitch", "a2", "two", "2030-01-01T00:00:00Z"))); // sent again
        server.push(stanza(groupchat("firstwitch", "a3", "three", "2030-01-01T00:00:01Z")));
        server.push(stanza(SUBJECT));
        assertThat(room.joined()).isTrue();
        assertThat(bodies).containsExactly("one", "two", "three");
        assertThat(room.occupants()).containsOnlyKeys("thirdwitch"); // firstwitch did not come back: LEFT
    }

    @Test
    void aRejoinThatIsRefusedEndsTheRoomWithTheReason() {
        Room room = joined(occupant("thirdwitch", "participant", "110"), SUBJECT);
        AtomicReference<RoomExit> exit = new AtomicReference<>();
        room.exit().subscribe(exit::set);
        answers.set(out -> out instanceof Presence ? List.of(stanza("<presence xmlns='jabber:client' type='error' from='" + ROOM + "/thirdwitch'>"
                + "<error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>")) : List.of());
        reconnect();
        assertThat(exit.get().kind()).isEqualTo(RoomExit.Kind.REJOIN_FAILED);
        assertThat(((MucException) exit.get().cause()).reason()).isEqualTo(MucException.Reason.REGISTRATION_REQUIRED);
        assertThat(Muc.of(session).room(ROOM)).isEmpty();
        StepVerifier.create(room.messages().filter(m -> false)).verifyComplete();
    }

    @Test
    void roomListsFollowRsmPagesAndStopOnAnEmptyPage() {
        List<String> afters = new ArrayList<>();
        serveIqs(iq -> {
            XmlElement set = iq.payload().orElseThrow().element("http://jabber.org/protocol/rsm", "set");
            String after = set.childText(org.reactorxmpp.xmpp.xml.XmlName.of("http://jabber.org/protocol/rsm", "after"));
            afters.add(String.valueOf(after));
            int from = after == null ? 0 : Integer.parseInt(after);
            // pages of 2, the second one short (a hidden room counted but not shown), then nothing
            List<Integer> rooms = from == 0 ? List.of(1, 2) : from == 2 ? List.of(4) : List.of();
            XmlElement.Builder q = XmlElement.builder("http://jabber.org/protocol/disco#items", "query");
            rooms.forEach(r -> q.child(XmlElement.builder("http://jabber.org/protocol/disco#items", "item")
                .attribute("jid", "r" + r + "@chat.shakespeare.lit").build()));
            XmlElement.Builder rsm = XmlElement.builder("http://jabber.org/protocol/rsm", "set");
            if (!rooms.isEmpty()) {
                rsm.textChild("http://jabber.org/protocol/rsm", "last", Integer.toString(from == 0 ? 2 : 5));
            }
            return iq.resultWith(q.child(rsm.build()).build());
        });
        List<DiscoItem> items = Muc.of(session).rooms(BareJid.parse("chat.shakespeare.lit"), 2).collectList()
            .block(Duration.ofSeconds(5));
        assertThat(items).extracting(i -> i.jid().toString())
            .containsExactly("r1@chat.shakespeare.lit", "r2@chat.shakespeare.lit", "r4@chat.shakespeare.lit");
        assertThat(afters).containsExactly("null", "2", "5");
    }

    @Test
    void selfPingTellsWhetherTheRoomStillHasUs() {
        Room room = joined(occupant("thirdwitch", "participant", "110"), SUBJECT);
        serveIqs(iq -> iq.resultWith(null));
        assertThat(room.selfPing().block(Duration.ofSeconds(5))).isTrue();
        Iq ping = (Iq) sent().get(sent().size() - 1);
        assertThat(ping.to()).isEqualTo(ROOM.withResource("thirdwitch"));
        serveIqs(iq -> iq.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(
            org.reactorxmpp.xmpp.stanza.StanzaError.Condition.NOT_ACCEPTABLE)));
        assertThat(room.selfPing().block(Duration.ofSeconds(5))).isFalse();
        serveIqs(iq -> iq.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(
            org.reactorxmpp.xmpp.stanza.StanzaError.Condition.FEATURE_NOT_IMPLEMENTED)));
        assertThat(room.selfPing().block(Duration.ofSeconds(5))).isTrue();
    }

    private List<Presence> joinPresences() {
        return sent().stream().filter(st -> st instanceof Presence p && p.type() == Presence.Type.AVAILABLE
            && p.element().element(Muc.NAMESPACE, "x") != null).map(Presence.class::cast).toList();
    }

    private List<Iq> pings() {
        return sent().stream().filter(st -> st instanceof Iq iq && iq.payload().filter(x -> x.name().localName().equals("ping")).isPresent())
            .map(Iq.class::cast).toList();
    }

    @Test
    void periodicSelfPingEntersAgainARoomThatDroppedUsSilentlyAndItsStreamsGoOn() {
        Room room = joined(occupant("firstwitch", "moderator", ""), occupant("thirdwitch", "participant", "110"), SUBJECT);
        List<String> bodies = new ArrayList<>();
        room.messages().subscribe(m -> bodies.add(m.body().orElse("")));
        server.push(stanza(groupchat("firstwitch", "b1", "before", null)));
        reactor.test.scheduler.VirtualTimeScheduler timer = reactor.test.scheduler.VirtualTimeScheduler.create();
        reactor.core.Disposable pinging = Muc.of(session).selfPing(Duration.ofMinutes(1), timer);
        serveIqs(iq -> iq.resultWith(null));
        timer.advanceTimeBy(Duration.ofSeconds(59));
        assertThat(pings()).isEmpty();
        timer.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(pings()).hasSize(1).allSatisfy(p -> assertThat(p.to()).isEqualTo(ROOM.withResource("thirdwitch")));
        assertThat(joinPresences()).hasSize(1); // joined, not entered again

        serveIqs(iq -> iq.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(
            org.reactorxmpp.xmpp.stanza.StanzaError.Condition.NOT_ACCEPTABLE)));
        timer.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(pings()).hasSize(2);
        assertThat(joinPresences()).hasSize(2);
        XmlElement history = joinPresences().get(1).element().element(Muc.NAMESPACE, "x").element(Muc.NAMESPACE, "history");
        assertThat(history.attribute("since")).isNotNull();
        assertThat(room.joined()).isFalse();
        timer.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(pings()).as("no self-ping while the room is being entered").hasSize(2);

        serveIqs(iq -> iq.resultWith(null));

        server.push(stanza(occupant("firstwitch", "moderator", "")));
        server.push(stanza(occupant("thirdwitch", "participant", "110")));
        server.push(stanza(groupchat("firstwitch", "b1", "before", "2030-01-01T00:00:00Z"))); // history sent again
        server.push(stanza(SUBJECT));
        server.push(stanza(groupchat("firstwitch", "b2", "after", null)));
        assertThat(room.joined()).isTrue();
        assertThat(Muc.of(session).room(ROOM)).containsSame(room);
        assertThat(bodies).containsExactly("before", "after");

        assertThat(pings()).as("the tick due during the rejoin was dropped, not queued").hasSize(2);
        timer.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(pings()).hasSize(3);
        assertThat(joinPresences()).hasSize(2);

        pinging.dispose();
        timer.advanceTimeBy(Duration.ofMinutes(5));
        assertThat(pings()).hasSize(3);
    }

    @Test
    void selfPingThatCannotReachTheServiceOrIsAnsweredByTheOccupantChangesNothing() {
        Room room = joined(occupant("thirdwitch", "participant", "110"), SUBJECT);
        reactor.test.scheduler.VirtualTimeScheduler timer = reactor.test.scheduler.VirtualTimeScheduler.create();
        Muc.of(session).selfPing(Duration.ofSeconds(30), timer);
        for (var condition : List.of(org.reactorxmpp.xmpp.stanza.StanzaError.Condition.REMOTE_SERVER_NOT_FOUND,
                org.reactorxmpp.xmpp.stanza.StanzaError.Condition.REMOTE_SERVER_TIMEOUT,
                org.reactorxmpp.xmpp.stanza.StanzaError.Condition.SERVICE_UNAVAILABLE,
                org.reactorxmpp.xmpp.stanza.StanzaError.Condition.FEATURE_NOT_IMPLEMENTED)) {
            serveIqs(iq -> iq.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(condition)));
            timer.advanceTimeBy(Duration.ofSeconds(30));
        }
        assertThat(pings()).hasSize(4);
        assertThat(joinPresences()).hasSize(1);
        assertThat(room.joined()).isTrue();
        serveIqs(iq -> iq.errorWith(org.reactorxmpp.xmpp.stanza.StanzaError.of(
            org.reactorxmpp.xmpp.stanza.StanzaError.Condition.REMOTE_SERVER_NOT_FOUND)));
        StepVerifier.create(room.selfPing()).verifyComplete(); // unknown: neither yes nor no
    }

    @Test
    void aResumedStreamKeepsTheRoomsAndANewSessionEntersThemAgain() {
        Room room = joined(occupant("thirdwitch", "participant", "110"), SUBJECT);
        org.reactorxmpp.im.muc.internal.DefaultMuc muc = (org.reactorxmpp.im.muc.internal.DefaultMuc) Muc.of(session);
        StepVerifier.create(muc.afterReconnect(true)).verifyComplete();
        assertThat(joinPresences()).hasSize(1);
        assertThat(room.joined()).isTrue();

        answers.set(out -> out instanceof Presence p && p.type() == Presence.Type.AVAILABLE
            ? List.of(stanza(occupant("thirdwitch", "participant", "110")), stanza(SUBJECT)) : List.of());
        StepVerifier.create(muc.afterReconnect(false)).verifyComplete();
        assertThat(joinPresences()).hasSize(2);
        assertThat(room.joined()).isTrue();
    }

    @Test
    void theSameServicePerSessionAndInvitationsKeptUntilSubscribed() throws Exception {
        assertThat(Muc.of(session)).isSameAs(session.feature(Muc.KEY));
        server.push(stanza("<message xmlns='jabber:client' from='crone1@shakespeare.lit/desktop'>"
            + "<x xmlns='jabber:x:conference' jid='" + ROOM + "' password='cauldronburn' reason='Join us'/></message>"));
        CompletableFuture<Invitation> first = Muc.of(session).invitations().next().toFuture();
        Invitation invitation = first.get();
        assertThat(invitation.direct()).isTrue();
        assertThat(invitation.password()).contains("cauldronburn");
        assertThat(invitation.room()).isEqualTo(ROOM);
    }
    @Test
    void aPrivateMessageThatArrivesBeforeAnyoneSubscribedIsKeptForTheFirstSubscriber() {
        Room room = joined(occupant("firstwitch", "moderator", ""), occupant("thirdwitch", "participant", "110"), SUBJECT);
        // right after the join, before the caller could subscribe
        server.push(stanza("<message xmlns='jabber:client' type='chat' from='" + ROOM + "/firstwitch'><body>psst</body></message>"));
        StepVerifier.create(room.privateMessages().take(1))
            .assertNext(m -> assertThat(m.body()).isEqualTo("psst"))
            .expectComplete().verify(Duration.ofSeconds(5));
        // nobody subscribed again: kept for the next one too
        server.push(stanza("<message xmlns='jabber:client' type='chat' from='" + ROOM + "/firstwitch'><body>again</body></message>"));
        StepVerifier.create(room.privateMessages().take(1))
            .assertNext(m -> assertThat(m.body()).isEqualTo("again"))
            .expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void aSubscriberOfOccupantEventsThatFallsBehindGetsItsBufferThenTheTypedErrorAndTheOthersGoOn() {
        Room room = joined(occupant("thirdwitch", "participant", "110"), SUBJECT);
        reactor.test.subscriber.TestSubscriber<OccupantEvent> slow =
            reactor.test.subscriber.TestSubscriber.<OccupantEvent>builder().initialRequest(0).build();
        reactor.test.subscriber.TestSubscriber<OccupantEvent> fast = reactor.test.subscriber.TestSubscriber.create();
        room.occupantEvents().subscribe(slow);
        room.occupantEvents().subscribe(fast);
        for (int i = 0; i <= 1024; i++) {
            server.push(stanza(occupant("witch" + i, "participant", "")));
        }
        assertThat(slow.isTerminated()).isFalse();
        slow.request(Long.MAX_VALUE);
        assertThat(slow.getReceivedOnNext()).hasSize(1024);
        assertThat(slow.expectTerminalError()).isInstanceOfSatisfying(org.reactorxmpp.im.FeatureOverflowException.class,
            e -> assertThat(e.feature()).isEqualTo("occupant events of " + ROOM));
        assertThat(fast.getReceivedOnNext()).hasSize(1025);
        assertThat(fast.isTerminated()).isFalse();
    }

    @Test
    void invitationsBeyondWhatIsKeptEndInTheTypedErrorAndADeclineBeforeAnySubscriberIsKept() {
        Muc muc = Muc.of(session);
        server.push(stanza("<message xmlns='jabber:client' from='" + ROOM + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<decline from='hecate@shakespeare.lit'><reason>Sorry, busy</reason></decline></x></message>"));
        for (int i = 0; i <= 64; i++) {
            server.push(stanza("<message xmlns='jabber:client' from='" + ROOM + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
                + "<invite from='crone" + i + "@shakespeare.lit'/></x></message>"));
        }
        StepVerifier.create(muc.declines().take(1))
            .assertNext(d -> {
                assertThat(d.room()).isEqualTo(ROOM);
                assertThat(d.reason()).isEqualTo("Sorry, busy");
            })
            .expectComplete().verify(Duration.ofSeconds(5));
        List<Invitation> invitations = new ArrayList<>();
        StepVerifier.create(muc.invitations().doOnNext(invitations::add))
            .thenConsumeWhile(i -> true)
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(org.reactorxmpp.im.FeatureOverflowException.class,
                o -> assertThat(o.capacity()).isEqualTo(64)))
            .verify(Duration.ofSeconds(5));
        assertThat(invitations).hasSize(64).first()
            .satisfies(i -> assertThat(i.from()).isEqualTo(org.reactorxmpp.xmpp.jid.Jid.parse("crone0@shakespeare.lit")));
        // what comes after the overflowed subscriber is kept for the next one
        server.push(stanza("<message xmlns='jabber:client' from='" + ROOM + "'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<invite from='crone99@shakespeare.lit'/></x></message>"));
        StepVerifier.create(muc.invitations().take(1))
            .assertNext(i -> assertThat(i.room()).isEqualTo(ROOM))
            .expectComplete().verify(Duration.ofSeconds(5));
    }
}
