package org.reactorxmpp.bosh.fleet.it;

import org.junit.jupiter.api.Test;

/** Issue 19: the three members restart one by one (graceful stop, a new JVM, real Prosody): see {@link FleetScenarios}. */
class FleetRollingRestartIT extends FleetScenarios {

    @Test
    void aRollingRestartLosesNothingAndLogsInOnlyWhatCouldNotBeResumed() {
        rollingRestartScenario();
    }
}
