package org.reactorxmpp.im.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.testing.XmppServerKind;
import org.reactorxmpp.xmpp.testing.XmppServers;

/**
 * Room locking as stock Prosody has it ({@code muc_room_locking = true}; the shared test servers turn it off,
 * ejabberd does not lock): a room created by a join refuses everyone else with {@code item-not-found} until
 * its owner configures it, which a reserved room does with its form and an instant room with the default.
 */
class MucLockedRoomIT extends MucSessions {

    private static ProsodyServer prosody;

    MucLockedRoomIT() {
        super(prosody, "muclock", 2);
    }

    @BeforeAll
    static void start() {
        XmppServers.requireInstalled(XmppServerKind.PROSODY);
        prosody = ProsodyServer.builder().mucRoomLocking(true).build().start();
    }

    @AfterAll
    static void stop() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @Test
    void aNewRoomIsLockedUntilItsOwnerConfiguresIt() {
        BareJid jid = t.newRoom("locked");
        Room owner = Muc.of(alice).join(jid, "owner").block(TIMEOUT);
        assertThat(owner.created()).isTrue();
        try {
            Muc.of(bob).join(jid, "bob").block(TIMEOUT);
            throw new AssertionError("a locked room let someone in");
        } catch (MucException e) {
            assertThat(e.reason()).isEqualTo(MucException.Reason.ITEM_NOT_FOUND);
        }
        owner.configure(c -> c.name("Unlocked").moderated(false)).block(TIMEOUT);
        assertThat(Muc.of(bob).join(jid, "bob").block(TIMEOUT).occupants()).containsKeys("owner", "bob");
    }

    @Test
    void reservedAndInstantCreationBothUnlock() {
        BareJid reserved = t.newRoom("reserved");
        Muc.of(alice).createReserved(reserved, "owner", c -> c.persistent(false).name("Reserved")).block(TIMEOUT);
        assertThat(Muc.of(bob).join(reserved, "bob").block(TIMEOUT).joined()).isTrue();
        BareJid instant = t.newRoom("instant");
        Muc.of(alice).createInstant(instant, "owner").block(TIMEOUT);
        assertThat(Muc.of(bob).join(instant, "bob").block(TIMEOUT).joined()).isTrue();
    }
}
