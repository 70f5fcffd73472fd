package org.reactorxmpp.bosh.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.jid.Jid;

import reactor.core.publisher.Mono;

class FleetBuilderTest {

    private final BoshTransport transport = BoshTransport.builder().url(URI.create("http://127.0.0.1:1/http-bind")).build();

    @Test
    void aFleetNeedsATransportAndAHandler() {
        assertThatThrownBy(() -> Fleet.builder().handler(s -> Mono.empty()).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("transport");
        assertThatThrownBy(() -> Fleet.builder().transport(transport).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("handler");
    }

    @Test
    void anAccountIsDeclaredOnceByBareJid() {
        Fleet.Builder builder = Fleet.builder().transport(transport).handler(s -> Mono.empty())
            .accounts(List.of(FleetAccount.of("bot@example.com/a", "pw"), FleetAccount.of("bot@example.com/b", "pw")));
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("bot@example.com");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> FleetAccount.of(Jid.parse("example.com"), () -> new char[0]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fleet.builder().tick(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fleet.builder().concurrency(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FleetAccount.of("bot@example.com/fleet", "pw").bareJid()).hasToString("bot@example.com");
    }

    @Test
    void anUnstartedFleetStopsAtOnce() {
        Fleet fleet = Fleet.builder().transport(transport).handler(s -> Mono.empty()).build();
        fleet.stop().block(Duration.ofSeconds(5));
        assertThat(fleet.localAccounts()).isEmpty();
    }
}
