package org.reactorxmpp.bosh.fleet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.bosh.fleet.FleetException;

class HandoverEntryTest {

    private final UUID owner = UUID.randomUUID();

    @Test
    void everyKindRoundTrips() {
        byte[] state = "sid=abc rid=42".getBytes(StandardCharsets.UTF_8);
        for (HandoverEntry entry : new HandoverEntry[] {HandoverEntry.checkpoint(owner, state),
            HandoverEntry.detached(owner, state), HandoverEntry.ended(owner), HandoverEntry.claimed(owner),
            HandoverEntry.reclaimed(owner, state), HandoverEntry.reclaimed(owner, new byte[0])}) {
            assertThat(HandoverEntry.decode(entry.encode())).isEqualTo(entry);
        }
    }

    @Test
    void truncatedOrForeignBytesAreRefusedByName() {
        byte[] encoded = HandoverEntry.detached(owner, new byte[] {1, 2, 3}).encode();
        assertThatThrownBy(() -> HandoverEntry.decode(Arrays.copyOf(encoded, encoded.length - 1)))
            .isInstanceOf(FleetException.class).hasMessageContaining("truncated");
        encoded[0] = 9;
        assertThatThrownBy(() -> HandoverEntry.decode(encoded))
            .isInstanceOf(FleetException.class).hasMessageContaining("version 9");
        byte[] kind = HandoverEntry.ended(owner).encode();
        kind[1] = 7;
        assertThatThrownBy(() -> HandoverEntry.decode(kind))
            .isInstanceOf(FleetException.class).hasMessageContaining("kind 7");
    }
}
