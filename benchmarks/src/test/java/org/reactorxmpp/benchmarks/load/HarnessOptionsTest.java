package org.reactorxmpp.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

    private static List<String> names(HarnessOptions o) {
        return o.contenders().stream().map(Contender::name).toList();
    }

    @Test
    void theDefaultsAreTheMethod() {
        HarnessOptions flood = HarnessOptions.parse("flood", "10000");
        assertThat(flood.rounds()).isEqualTo(3);
        assertThat(names(flood)).containsExactly("ours", "smack", "raw");
        assertThat(flood.split()).isTrue();
        assertThat(flood.jitWarmup()).isEqualTo(100_000);
        assertThat(HarnessOptions.parse("rtt", "1000").jitWarmup()).isEqualTo(20_000);
        assertThat(HarnessOptions.parse("rtt", "1000", "--jit-warmup", "0").jitWarmup()).isZero();
        HarnessOptions login = HarnessOptions.parse("login", "1000");
        assertThat(login.rounds()).isEqualTo(3);
        assertThat(login.jitWarmup()).isZero();
        assertThat(names(login)).containsExactly("ours", "smack");
        HarnessOptions fanout = HarnessOptions.parse("fanout", "5000");
        assertThat(fanout.rounds()).isEqualTo(1);
        assertThat(fanout.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fanout.period()).isEqualTo(Duration.ofSeconds(5));
        HarnessOptions soak = HarnessOptions.parse("soak", "2000");
        assertThat(soak.duration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theAutomaticSweepGoesFrom8To1000CappedAtN() {
        assertThat(HarnessOptions.parse("login", "1000", "--sweep", "auto").sweep())
            .containsExactly(8, 16, 32, 64, 128, 256, 500, 1000);
        assertThat(HarnessOptions.parse("login", "100", "--sweep", "auto").sweep())
            .containsExactly(8, 16, 32, 64, 100);
        assertThat(HarnessOptions.parse("login", "5000", "--sweep", "4,40").sweep()).containsExactly(4, 40);
    }

    @Test
    void durationsTakeFractionsOfSecondsForSmokeRuns() {
        HarnessOptions o = HarnessOptions.parse("soak", "3", "--duration", "1.5", "--sample", "0.5", "--impl", "smack");
        assertThat(o.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.sample()).isEqualTo(Duration.ofMillis(500));
        assertThat(names(o)).containsExactly("smack");
    }

    @Test
    void wrongArgumentsAreNamed() {
        assertThatThrownBy(() -> HarnessOptions.parse("rtt", "10", "--sweep", "auto"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sweep is for login only");
        assertThatThrownBy(() -> HarnessOptions.parse("burst", "10"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown mode 'burst'");
        assertThatThrownBy(() -> HarnessOptions.parse("flood", "10", "--raw"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--raw needs a value");
        assertThat(names(HarnessOptions.parse("flood", "10", "--raw", "false"))).containsExactly("ours", "smack");
    }

    @Test
    void theTransportIsBoshByDefaultAndNamesTheFileOtherwise() {
        HarnessOptions bosh = HarnessOptions.parse("rtt", "1000");
        assertThat(bosh.transport()).isEqualTo(TransportKind.BOSH);
        assertThat(bosh.out().getFileName().toString()).isEqualTo("rtt-1000.json");
        HarnessOptions tcp = HarnessOptions.parse("flood", "10000", "--transport", "tcp");
        assertThat(tcp.transport()).isEqualTo(TransportKind.TCP);
        assertThat(tcp.out().getFileName().toString()).isEqualTo("flood-tcp-10000.json");
        assertThat(names(tcp)).containsExactly("ours", "smack", "raw");
        assertThat(HarnessOptions.parse("login", "5", "--transport", "ws").out().getFileName().toString())
            .isEqualTo("login-ws-5.json");
        assertThatThrownBy(() -> HarnessOptions.parse("soak", "10", "--transport", "tcp"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("login, rtt and flood only");
        assertThatThrownBy(() -> HarnessOptions.parse("rtt", "10", "--transport", "xmpp"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bosh, tcp or ws");
    }
}
