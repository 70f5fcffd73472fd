package org.reactorxmpp.bosh.fleet.it;

import org.junit.jupiter.api.Test;

/** Issue 19: a fourth member joins a fleet of three (separate JVMs, real Prosody): see {@link FleetScenarios}. */
class FleetJoinIT extends FleetScenarios {

    @Test
    void aFourthMemberTakesAboutAQuarterByHandoffWithoutLogins() {
        joinScenario();
    }
}
