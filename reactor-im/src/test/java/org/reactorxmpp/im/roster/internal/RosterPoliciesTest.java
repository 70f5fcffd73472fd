package org.reactorxmpp.im.roster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.roster.AutoAccept;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.RosterSnapshot;
import org.reactorxmpp.xmpp.jid.BareJid;

class RosterPoliciesTest {

    private static final BareJid ME = BareJid.parse("me@example.com");
    private static final BareJid FRIEND = BareJid.parse("friend@other.org");
    private static final BareJid STRANGER = BareJid.parse("stranger@other.org");
    private static final BareJid COLLEAGUE = BareJid.parse("colleague@example.com");
    private static final RosterSnapshot ROSTER = RosterSnapshot.of(null, List.of(RosterItem.of(FRIEND, null, List.of())));

    private static boolean accepts(RosterOptions.Builder options, BareJid requester) {
        return RosterPolicies.autoAccept(options.build(), ME, requester, ROSTER);
    }

    @Test
    void never() {
        assertThat(accepts(RosterOptions.builder(), FRIEND)).isFalse();
        assertThat(accepts(RosterOptions.builder(), COLLEAGUE)).isFalse();
    }

    @Test
    void always() {
        assertThat(accepts(RosterOptions.builder().autoAccept(AutoAccept.ALWAYS), STRANGER)).isTrue();
    }

    @Test
    void inRoster() {
        assertThat(accepts(RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER), FRIEND)).isTrue();
        assertThat(accepts(RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER), STRANGER)).isFalse();
    }

    @Test
    void inDomainAddsTheOwnDomainToAnyPolicy() {
        assertThat(accepts(RosterOptions.builder().autoAcceptInDomain(true), COLLEAGUE)).isTrue();
        assertThat(accepts(RosterOptions.builder().autoAcceptInDomain(true), STRANGER)).isFalse();
        assertThat(accepts(RosterOptions.builder().autoAccept(AutoAccept.IN_ROSTER).autoAcceptInDomain(true), FRIEND)).isTrue();
    }
}
