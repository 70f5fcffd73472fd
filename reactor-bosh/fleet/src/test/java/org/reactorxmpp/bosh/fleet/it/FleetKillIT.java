package org.reactorxmpp.bosh.fleet.it;

import org.junit.jupiter.api.Test;

/**
 * Issue 19: one member of three is SIGKILLed (its JVM killed by PID, real Prosody); the members store write-ahead
 * checkpoints (the fleet's default): see {@link FleetScenarios}.
 */
class FleetKillIT extends FleetScenarios {

    @Test
    void aKilledMembersSessionsRunAgainWithinTheInactivityWindowAndMessagesArriveOnce() {
        killScenario();
    }
}
