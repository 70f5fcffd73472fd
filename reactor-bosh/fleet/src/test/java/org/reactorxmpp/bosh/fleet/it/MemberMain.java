package org.reactorxmpp.bosh.fleet.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.bosh.fleet.Fleet;
import org.reactorxmpp.bosh.fleet.FleetAccount;
import org.reactorxmpp.bosh.fleet.FleetClusters;
import org.reactorxmpp.bosh.fleet.FleetMetrics;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;

import com.hazelcast.core.Hazelcast;

import reactor.core.publisher.Flux;

/**
 * One fleet member in its own JVM, for the multi-process ITs ({@link FleetMembers} starts it). Its bots answer pings
 * (the library's built-in responder); {@code -Dfleet.writeAhead=false} runs it without write-ahead
 * checkpoints and echo every message whose body starts with {@code m:} to its sender.
 *
 * <p>Arguments: {@code name cluster port peerPorts(comma) boshUrl domain prefix count password}. Prints
 * {@code FLEET READY}, one {@code FLEET EVENT kind account epochMillis tookMillis cause} line per placement event,
 * {@code FLEET SAFE true|false} when Hazelcast's migrations start or end, {@code FLEET METRICS ...} on the
 * {@code metrics} command, {@code FLEET HEAP used MB of max MB} (after a full GC) on the {@code heap} command and
 * {@code FLEET STOPPED} after the {@code stop} command
 * (read from stdin), then exits.
 */
public final class MemberMain {

    /** The resource every bot binds: the ITs address bots by full JID. */
    public static final String RESOURCE = "fleet";

    private MemberMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String cluster = args[1];
        int port = Integer.parseInt(args[2]);
        List<Integer> peers = args[3].isEmpty() ? List.of()
            : Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList();
        URI bosh = URI.create(args[4]);
        String domain = args[5];
        String prefix = args[6];
        int count = Integer.parseInt(args[7]);
        String password = args[8];

        List<FleetAccount> accounts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            accounts.add(FleetAccount.of(Jid.parse(prefix + i + "@" + domain + "/" + RESOURCE), password::toCharArray));
        }
        Fleet fleet = Fleet.builder()
            .memberName(name)
            .hazelcast(FleetClusters.loopback(cluster, port, peers))
            .transport(BoshTransport.builder().url(bosh).build())
            .client(client -> client.enabledMechanisms(List.of("SCRAM-SHA-1")).requestTimeout(Duration.ofSeconds(60)))
            .accounts(accounts)
            .handler(MemberMain::echo)
            .writeAhead(Boolean.parseBoolean(System.getProperty("fleet.writeAhead", "true")))
            .build();
        fleet.events().subscribe(e -> say("EVENT " + e.kind() + " " + e.account() + " " + e.at().toEpochMilli() + " "
            + e.took().toMillis() + " " + (e.cause() == null ? "-" : e.cause().replace('\n', ' '))));
        fleet.start().block(Duration.ofSeconds(120));
        say("READY");
        watchMigrations();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("metrics")) {
                FleetMetrics m = fleet.metrics().block(Duration.ofSeconds(30));
                say("METRICS " + m);
            } else if (line.equals("heap")) {
                System.gc();
                java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                    .getHeapMemoryUsage();
                say("HEAP " + (heap.getUsed() >> 20) + " MB of " + (heap.getMax() >> 20) + " MB");
            } else if (line.equals("stop")) {
                break;
            }
        }
        fleet.stop().block(Duration.ofSeconds(120));
        say("STOPPED");
        System.exit(0);
    }

    /**
     * Prints {@code FLEET SAFE true|false} whenever Hazelcast's view changes between "partitions migrating or
     * backups out of sync" and "cluster safe": the ITs wait for every member to be safe before they count.
     */
    private static void watchMigrations() {
        Thread watcher = new Thread(() -> {
            Boolean last = null;
            while (!Thread.currentThread().isInterrupted()) {
                boolean safe;
                try {
                    safe = Hazelcast.getAllHazelcastInstances().stream()
                        .allMatch(h -> h.getLifecycleService().isRunning() && h.getPartitionService().isClusterSafe());
                } catch (RuntimeException e) {
                    safe = false; // shutting down
                }
                if (!Boolean.valueOf(safe).equals(last)) {
                    say("SAFE " + safe);
                    last = safe;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fleet-member-safe");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Flux<Void> echo(XmppSession session) {
        return session.messages()
            .filter(m -> m.body() != null && m.body().startsWith("m:") && m.from() != null)
            .concatMap(m -> session.send(Message.builder().to(m.from()).body("echo " + m.body()).build()));
    }

    private static synchronized void say(String line) {
        System.out.println("FLEET " + line);
        System.out.flush();
    }
}
