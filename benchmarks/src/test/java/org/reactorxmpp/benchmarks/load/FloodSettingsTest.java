package org.reactorxmpp.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The flood's documented settings: ours' body-cap sweep, its byte cap, the split phases' least duration. */
class FloodSettingsTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("bench.bodySweep");
        System.clearProperty("bench.splitSeconds");
    }

    @Test
    void theSweepTriesTheLibraryDefaultAndTheRawClientsBatch() {
        assertThat(BodySweep.candidates()).containsExactly(100, 500, 2000);
        System.setProperty("bench.bodySweep", "50, 4000");
        assertThat(BodySweep.candidates()).containsExactly(50, 4000);
        System.setProperty("bench.bodySweep", "100,0");
        assertThatThrownBy(BodySweep::candidates).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at least 1");
    }

    @Test
    void theByteCapFollowsTheElementCapSoThatTheElementCapDecides() {
        assertThat(OursBosh.maxBodySize(100)).isEqualTo(128 * 1024);
        assertThat(OursBosh.maxBodySize(2000)).isEqualTo(2000 * 512);
        // a harness chat message is about 130 bytes: 2,000 of them fit
        assertThat(OursBosh.maxBodySize(2000)).isGreaterThan(2000 * 130);
    }

    @Test
    void splitPhasesRunFiveSecondsUnlessTold() {
        assertThat(FloodSplit.minSeconds()).isEqualTo(Duration.ofSeconds(5));
        System.setProperty("bench.splitSeconds", "0.3");
        assertThat(FloodSplit.minSeconds()).isEqualTo(Duration.ofMillis(300));
    }
}
