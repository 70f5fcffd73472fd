package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The declarative form: {@code @ExtendWith(ProsodyExtension.class)} gives a default server without accounts. */
@ExtendWith(ProsodyExtension.class)
class ProsodyExtensionDefaultIT {

    private static long firstPid;

    @Test
    void injectsARunningDefaultServer(ProsodyServer server) {
        assertThat(server.isRunning()).isTrue();
        assertThat(server.host()).isEqualTo("localhost");
        assertThat(server.address()).isEqualTo("127.0.0.1");
        assertThat(server.mucHost()).isEqualTo("conference.localhost");
        assertThat(server.pubsubHost()).isEqualTo("pubsub.localhost");
        assertThat(server.websocketUrl().toString())
                .isEqualTo("ws://127.0.0.1:" + server.httpPort() + "/xmpp-websocket");
        // default: no accounts, PLAIN offered because allow_unencrypted_plain_auth is on
        assertThat(server.userExists("user1")).isFalse();
        server.createUser("user1", "pw");
        assertThat(RawBosh.canLogin(server, "user1", "pw")).isTrue();
        firstPid = server.pid();
    }

    @Nested
    class NestedClass {

        @Test
        void sharesTheEnclosingServer(ProsodyServer server) {
            assertThat(server.isRunning()).isTrue();
            // JUnit runs the enclosing class' methods before its @Nested classes
            assertThat(server.pid()).isEqualTo(firstPid);
        }
    }
}
