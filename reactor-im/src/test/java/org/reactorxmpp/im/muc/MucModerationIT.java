package org.reactorxmpp.im.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/** Moderation and invitations on each real server, each seen by its target. */
@OnBothServers
class MucModerationIT extends MucSessions {

    MucModerationIT(XmppTestServer server) {
        super(server, "mucmod", 2);
    }

    @Test
    void kickIsSeenByTheTargetAsKickedWithTheReason() {
        BareJid jid = t.newRoom("kick");
        Room owner = Muc.of(alice).createInstant(jid, "owner").block(TIMEOUT);
        Room target = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        var seen = expect(owner.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.LEFT && e.occupant().nick().equals("bob"));
        owner.kick("bob", "too loud").block(TIMEOUT);
        RoomExit exit = target.exit().block(TIMEOUT);
        assertThat(exit.kind()).isEqualTo(RoomExit.Kind.KICKED);
        assertThat(exit.reason()).isEqualTo("too loud");
        assertThat(target.joined()).isFalse();
        assertThat(seen.get().has(MucUser.KICKED)).isTrue();
        // the room lets a kicked user back in
        assertThat(Muc.of(bob).join(jid, "bob").block(TIMEOUT).joined()).isTrue();
    }

    @Test
    void banIsSeenByTheTargetAndKeepsItOut() {
        BareJid jid = t.newRoom("ban");
        Room owner = Muc.of(alice).createInstant(jid, "owner").block(TIMEOUT);
        Room target = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        owner.ban(bob.jid().asBare(), "hexed").block(TIMEOUT);
        RoomExit exit = target.exit().block(TIMEOUT);
        assertThat(exit.kind()).isEqualTo(RoomExit.Kind.BANNED);
        assertThat(exit.reason()).isEqualTo("hexed");
        assertThat(owner.affiliations(Affiliation.OUTCAST).block(TIMEOUT)).extracting(MucUser.Item::jid)
            .contains(bob.jid().asBare());
        try {
            Muc.of(bob).join(jid, "bob").block(TIMEOUT);
            throw new AssertionError("a banned user was let in");
        } catch (MucException e) {
            assertThat(e.reason()).isEqualTo(MucException.Reason.FORBIDDEN);
        }
        owner.changeAffiliation(bob.jid().asBare(), Affiliation.NONE, null).block(TIMEOUT);
        assertThat(Muc.of(bob).join(jid, "bob").block(TIMEOUT).joined()).isTrue();
    }

    @Test
    void voiceRolesAndAffiliationsAreSeenByTheTarget() {
        BareJid jid = t.newRoom("voice");
        Room owner = Muc.of(alice).createReserved(jid, "owner", c -> c.moderated(true)).block(TIMEOUT);
        Room target = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        // the default role in a moderated room differs (Prosody: visitor; ejabberd: participant, members_by_default)
        var muted = expect(target.occupantEvents(), e -> e.self() && e.occupant().role() == Role.VISITOR);
        owner.revokeVoice("bob").block(TIMEOUT);
        muted.get();
        assertThat(target.self().role()).isEqualTo(Role.VISITOR);

        var voiced = expect(target.occupantEvents(), e -> e.self() && e.occupant().role() == Role.PARTICIPANT);
        owner.grantVoice("bob").block(TIMEOUT);
        voiced.get();
        assertThat(target.self().role()).isEqualTo(Role.PARTICIPANT);

        var moderator = expect(target.occupantEvents(), e -> e.self() && e.occupant().role() == Role.MODERATOR);
        owner.changeRole("bob", Role.MODERATOR, "trusted").block(TIMEOUT);
        moderator.get();
        assertThat(owner.roles(Role.MODERATOR).block(TIMEOUT)).extracting(MucUser.Item::nick).contains("owner", "bob");

        var admin = expect(target.occupantEvents(), e -> e.self() && e.occupant().affiliation() == Affiliation.ADMIN);
        owner.changeAffiliation(bob.jid().asBare(), Affiliation.ADMIN, null).block(TIMEOUT);
        admin.get();
        assertThat(owner.affiliations(Affiliation.ADMIN).block(TIMEOUT)).extracting(MucUser.Item::jid).contains(bob.jid().asBare());
        assertThat(owner.occupants().get("bob").affiliation()).isEqualTo(Affiliation.ADMIN);
    }

    @Test
    void mediatedInvitationIsReceivedAndItsDeclineReachesTheInviter() {
        BareJid jid = t.newRoom("invite");
        Room owner = Muc.of(alice).createInstant(jid, "owner").block(TIMEOUT);
        var invited = expect(Muc.of(bob).invitations(), i -> i.room().equals(jid));
        owner.invite(bob.jid().asBare(), "come brew").block(TIMEOUT);
        Invitation invitation = invited.get();
        assertThat(invitation.direct()).isFalse();
        assertThat(invitation.reason()).contains("come brew");
        // Prosody names the inviter's occupant JID, ejabberd the real JID
        assertThat(List.of(alice.jid().asBare(), jid)).contains(invitation.from().asBare());

        var declined = expect(Muc.of(alice).declines(), d -> d.room().equals(jid));
        invitation.decline("busy").block(TIMEOUT);
        Decline decline = declined.get();
        assertThat(decline.reason()).isEqualTo("busy");

        var again = expect(Muc.of(bob).invitations(), i -> i.room().equals(jid));
        owner.invite(bob.jid().asBare(), null).block(TIMEOUT);
        Room joined = again.get().accept("bob").block(TIMEOUT);
        assertThat(joined.occupants()).containsKeys("owner", "bob");
    }

    @Test
    void directInvitationCarriesThePasswordAndIsAcceptedByJoining() {
        BareJid jid = t.newRoom("direct");
        Room owner = Muc.of(alice).createReserved(jid, "owner", c -> c.password("eye of newt")).block(TIMEOUT);
        var invited = expect(Muc.of(bob).invitations(), i -> i.room().equals(jid));
        var arrived = expect(owner.occupantEvents(), e -> e.kind() == OccupantEvent.Kind.JOINED && e.occupant().nick().equals("bob"));
        Muc.of(alice).inviteDirect(bob.jid().asBare(), jid, "join us", "eye of newt").block(TIMEOUT);
        Invitation invitation = invited.get();
        assertThat(invitation.direct()).isTrue();
        assertThat(invitation.from().asBare()).isEqualTo(alice.jid().asBare());
        assertThat(invitation.password()).contains("eye of newt");
        assertThat(invitation.reason()).contains("join us");
        Room joined = invitation.accept("bob").block(TIMEOUT);
        assertThat(joined.occupants()).containsKeys("owner", "bob");
        arrived.get();
        assertThat(owner.occupants()).containsKey("bob");
    }
}
