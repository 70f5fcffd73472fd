package org.reactorxmpp.bosh.fleet.it;

import org.junit.jupiter.api.Test;

/**
 * Issue 19 at its size: 3 members and 3,000 bots, then a fourth member joins (about a quarter moves, 0 failed pings,
 * no new SASL login). Not an {@code *IT}: it takes minutes and most of a 2-core machine, so the default suite does
 * not run it; run it on purpose with {@code ./mvnw -pl reactor-bosh/fleet -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FleetScale -Dfleet.member.xmx=1g} ({@code -Dfleet.sessions=N}
 * for another size).
 */
class FleetScale extends FleetScenarios {

    @Override
    int defaultSessions() {
        return 3000;
    }

    @Override
    int defaultSettleSeconds() {
        return 900;
    }

    @Test
    void aFourthMemberTakesAboutAQuarterOf3000ByHandoffWithoutLogins() {
        joinScenario();
    }
}
