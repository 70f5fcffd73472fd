package org.reactorxmpp.im.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.im.muc.MucTesting.refusal;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/** Entering rooms on each real server: our own presence (110) with the nick the room assigned, and each refusal typed. */
@OnBothServers
class MucJoinIT extends MucSessions {

    MucJoinIT(XmppTestServer server) {
        super(server, "mucjoin", 2);
    }

    @Test
    void joinCompletesOnOurOwnPresenceWithTheNickTheRoomAssignedAndTheOccupantsKnown() {
        BareJid jid = t.newRoom("join");
        Room owner = Muc.of(alice).createInstant(jid, "Alice").block(TIMEOUT);
        assertThat(owner.created()).isTrue();
        assertThat(owner.nick()).isEqualTo("Alice");
        assertThat(owner.self().affiliation()).isEqualTo(Affiliation.OWNER);
        assertThat(owner.self().role()).isEqualTo(Role.MODERATOR);

        // a fullwidth letter: both servers normalise the nick (NFKC, without status 210)
        String asked = "\uFF22ob";
        Room room = Muc.of(bob).join(jid, asked).block(TIMEOUT);
        assertThat(room.joined()).isTrue();
        assertThat(room.created()).isFalse();
        assertThat(room.nick()).isEqualTo("Bob").isNotEqualTo(asked);
        assertThat(room.self().nick()).isEqualTo("Bob");
        assertThat(room.occupants()).containsKeys("Alice", "Bob");
        assertThat(room.occupants().get("Alice").affiliation()).isEqualTo(Affiliation.OWNER);
        assertThat(Muc.of(bob).room(jid)).containsSame(room);
        assertThat(Muc.of(bob).join(jid, "other").block(TIMEOUT)).isSameAs(room);

        room.leave().block(TIMEOUT);
        assertThat(room.exit().block(TIMEOUT).kind()).isEqualTo(RoomExit.Kind.LEFT);
        assertThat(room.joined()).isFalse();
        assertThat(Muc.of(bob).room(jid)).isEmpty();
    }

    @Test
    void nickInUseIsAConflict() {
        BareJid jid = t.newRoom("conflict");
        Muc.of(alice).createInstant(jid, "witch").block(TIMEOUT);
        assertThat(refusal(() -> Muc.of(bob).join(jid, "witch").block(TIMEOUT))).isEqualTo(MucException.Reason.NICK_CONFLICT);
        assertThat(Muc.of(bob).room(jid)).isEmpty();
        assertThat(Muc.of(bob).join(jid, "wizard").block(TIMEOUT).nick()).isEqualTo("wizard");
    }

    @Test
    void passwordProtectedRoomRefusesAWrongPasswordAndAdmitsTheRightOne() {
        BareJid jid = t.newRoom("secret");
        Muc.of(alice).createReserved(jid, "owner", c -> c.password("cauldronburn")).block(TIMEOUT);
        assertThat(refusal(() -> Muc.of(bob).join(jid, "bob").block(TIMEOUT))).isEqualTo(MucException.Reason.NOT_AUTHORIZED);
        assertThat(refusal(() -> Muc.of(bob).join(jid, "bob", JoinOptions.builder().password("wrong").build()).block(TIMEOUT)))
            .isEqualTo(MucException.Reason.NOT_AUTHORIZED);
        Room room = Muc.of(bob).join(jid, "bob", JoinOptions.builder().password("cauldronburn").build()).block(TIMEOUT);
        assertThat(room.occupants()).containsKeys("owner", "bob");
        assertThat(Muc.of(bob).info(jid).block(TIMEOUT).passwordProtected()).isTrue();
    }

    @Test
    void membersOnlyRoomRequiresRegistrationUntilMadeMember() {
        BareJid jid = t.newRoom("members");
        Room owner = Muc.of(alice).createReserved(jid, "owner", c -> c.membersOnly(true)).block(TIMEOUT);
        assertThat(refusal(() -> Muc.of(bob).join(jid, "bob").block(TIMEOUT)))
            .isEqualTo(MucException.Reason.REGISTRATION_REQUIRED);
        owner.changeAffiliation(bob.jid().asBare(), Affiliation.MEMBER, null).block(TIMEOUT);
        assertThat(owner.affiliations(Affiliation.MEMBER).block(TIMEOUT))
            .anySatisfy(i -> assertThat(i.jid()).isEqualTo(bob.jid().asBare()));
        assertThat(Muc.of(bob).join(jid, "bob").block(TIMEOUT).self().affiliation()).isEqualTo(Affiliation.MEMBER);
    }

    @Test
    void bannedUserIsForbidden() {
        BareJid jid = t.newRoom("banned");
        Room owner = Muc.of(alice).createInstant(jid, "owner").block(TIMEOUT);
        owner.ban(bob.jid().asBare(), "no brooms").block(TIMEOUT);
        assertThat(owner.affiliations(Affiliation.OUTCAST).block(TIMEOUT))
            .anySatisfy(i -> assertThat(i.jid()).isEqualTo(bob.jid().asBare()));
        assertThat(refusal(() -> Muc.of(bob).join(jid, "bob").block(TIMEOUT))).isEqualTo(MucException.Reason.FORBIDDEN);
    }

    @Test
    void fullRoomIsServiceUnavailable() {
        BareJid jid = t.newRoom("full");
        XmppSession carol = t.connect("mucjoin", 1).get(0);
        Room owner = Muc.of(alice).createReserved(jid, "owner", c -> c.maxUsers(2)).block(TIMEOUT);
        assertThat(owner.configuration().block(TIMEOUT).value(RoomConfiguration.MAX_USERS)).contains("2");
        Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        assertThat(refusal(() -> Muc.of(carol).join(jid, "carol").block(TIMEOUT)))
            .isEqualTo(MucException.Reason.SERVICE_UNAVAILABLE);
    }

    @Test
    void creatingARoomThatExistsIsRefusedAndLeavesIt() {
        BareJid jid = t.newRoom("exists");
        Muc.of(alice).createInstant(jid, "owner").block(TIMEOUT);
        assertThatThrownBy(() -> Muc.of(bob).createInstant(jid, "bob").block(TIMEOUT))
            .isInstanceOfSatisfying(MucException.class, e -> assertThat(e.reason()).isEqualTo(MucException.Reason.ALREADY_EXISTS));
        assertThat(Muc.of(bob).room(jid)).isEmpty();
    }
}
