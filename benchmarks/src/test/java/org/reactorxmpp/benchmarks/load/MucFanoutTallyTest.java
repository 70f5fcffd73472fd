package org.reactorxmpp.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MucFanoutTallyTest {

    @Test
    void allInOrderCompletes() {
        MucFanoutTally tally = new MucFanoutTally(2, 3);
        for (int o = 0; o < 2; o++) {
            for (int m = 0; m < 3; m++) {
                tally.delivered(o, "m" + m);
            }
        }
        assertThat(tally.await(Duration.ZERO)).isTrue();
        assertThat(tally.summary()).containsEntry("occupantsWithAllInOrder", 2).containsEntry("outOfOrderOrRepeated", 0)
            .containsEntry("deliveries", 6L);
    }

    @Test
    void aReorderedOccupantEndsTheWaitAtOnceButIsNotComplete() {
        MucFanoutTally tally = new MucFanoutTally(2, 3);
        tally.delivered(0, "m0");
        tally.delivered(0, "m1");
        tally.delivered(0, "m2");
        tally.delivered(1, "m1");
        tally.delivered(1, "m0");
        tally.delivered(1, "m2");
        tally.delivered(1, "not-a-bench-message");
        assertThat(tally.await(Duration.ZERO)).isFalse();
        assertThat(tally.summary()).containsEntry("occupantsWithAllInOrder", 1).containsEntry("deliveries", 6L);
        assertThat((Integer) tally.summary().get("outOfOrderOrRepeated")).isPositive();
    }

    @Test
    void aMissingMessageKeepsTheWaitOpen() {
        MucFanoutTally tally = new MucFanoutTally(1, 3);
        tally.delivered(0, "m0");
        tally.delivered(0, "m2");
        assertThat(tally.await(Duration.ofMillis(1))).isFalse();
        assertThat(tally.summary()).containsEntry("occupantsWithAllInOrder", 0).containsEntry("deliveries", 2L);
    }
}
