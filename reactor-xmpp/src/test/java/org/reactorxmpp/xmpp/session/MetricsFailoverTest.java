package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactorxmpp.xmpp.failover.CupServiceDiscovery;
import org.reactorxmpp.xmpp.failover.JsonFileNodeStore;
import org.reactorxmpp.xmpp.metrics.XmppMetrics;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** XmppMetrics' failover and reconnect counters over the fake CUP cluster of XmppClientFailoverTest. */
class MetricsFailoverTest {

    private static final String SD1 = "10.0.0.1";
    private static final String HOME = "10.0.0.3";
    private static final String BACKUP = "10.0.0.4";

    @TempDir
    Path dir;

    private final Cluster cluster = new Cluster();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aNodeShutdownCountsOneReconnectAndOneFailover() {
        cluster.announce = List.of(HOME, BACKUP);
        XmppSession session = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transports(cluster::transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .serviceDiscovery(CupServiceDiscovery.builder().primary(Cluster.url(SD1)).store(JsonFileNodeStore.builder(dir.resolve("nodes.json"))
                .expiry(Duration.ofDays(1)).scheduler(Schedulers.immediate()).build()).build())
            .reconnectScheduler(time)
            .reconnect(Reconnect.countdown(Duration.ofSeconds(10)).withRandom(() -> 0.5))
            .observer(XmppMetrics.builder(registry).networkMetrics(false).build())
            .build().connect().block(Duration.ofSeconds(10));
        assertThat(registry.get("xmpp.failovers").counter().count()).as("the SD hop before login is no failover").isZero();

        cluster.lastConnection(HOME).fail(new StreamErrorException(StreamError.of(StreamError.Condition.SYSTEM_SHUTDOWN)));
        time.advanceTimeBy(Duration.ofSeconds(11));

        assertThat(session.connectionDetails().url()).contains(Cluster.url(BACKUP));
        assertThat(registry.get("xmpp.failovers").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.reconnects").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("xmpp.sessions").tag("state", "connected").gauge().value()).isEqualTo(1.0);
        session.close().block(Duration.ofSeconds(10));
        assertThat(registry.get("xmpp.sessions").tag("state", "connected").gauge().value()).isZero();
    }
}
