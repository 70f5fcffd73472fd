package org.reactorxmpp.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportOverflowExceptionTest {

    @Test
    void namesDirectionAndCapacity() {
        TransportOverflowException e = new TransportOverflowException(TransportOverflowException.Direction.INBOUND, 16);
        assertThat(e.getMessage()).contains("inbound").contains("16");
        assertThat(e.direction()).isEqualTo(TransportOverflowException.Direction.INBOUND);
        assertThat(e.capacity()).isEqualTo(16);
        assertThat(e.isTransient()).isFalse();
        assertThat(new TransportOverflowException(TransportOverflowException.Direction.OUTBOUND, 16).isTransient()).isTrue();
        assertThat(e).isInstanceOf(TransportException.class);
    }
}
