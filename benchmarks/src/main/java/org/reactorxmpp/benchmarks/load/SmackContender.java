package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jspecify.annotations.Nullable;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.reactorxmpp.benchmarks.smack.SmackCodec;

/**
 * Smack 4.4.8 with smack-bosh (jbosh over Apache HttpClient) under the same load; with
 * {@code --transport tcp} Smack's {@link XMPPTCPConnection} (smack-tcp 4.4.8) without TLS (the load
 * server has none) and without stream management (the load server does not offer it), as ours. Smack
 * 4.4.8 has no WebSocket connection (its WebSocket modules start with 4.5), so under
 * {@code --transport ws} it runs over TCP, as the reference for the WebSocket rows
 * ({@link #wireOf}). Smack's API is
 * blocking, so logins run on a pool of {@link Target#concurrency()} threads (shut down before the
 * hold, so it does not count in the held threads); every connection also brings its own threads,
 * which is part of what is measured.
 */
final class SmackContender implements Contender {

    private static final List<String> JUL_LEVELS = List.of("org.igniterealtime.jbosh", "org.jivesoftware.smack", "org.apache.http");
    /** Strong references: java.util.logging keeps loggers weakly, so a level set on a collected one is lost. */
    private static final List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

    @Override
    public String name() {
        return "smack";
    }

    @Override
    public TransportKind wire(TransportKind transport) {
        return wireOf(transport);
    }

    static {
        SmackCodec.smackVersion();
        // jbosh logs every session start and every reset held request at INFO through java.util.logging
        JUL_LEVELS.forEach(name -> {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.SEVERE);
            QUIETED.add(logger);
        });
    }

    private static XMPPBOSHConnection connection(Target target, String user) throws Exception {
        BOSHConfiguration config = BOSHConfiguration.builder()
            .setUsernameAndPassword(user, target.password())
            .setXmppDomain(target.domain())
            // Smack 4.4.8 turns an IP literal into "http:///127.0.0.1:PORT" (an InetAddress's
            // toString); a host name works
            .setHost(smackHost(target.boshUrl().getHost()))
            .setPort(target.boshUrl().getPort())
            .setFile(target.boshUrl().getPath())
            .setUseHttps(false)
            .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
            .addEnabledSaslMechanism("SCRAM-SHA-1")
            .setResource("smack")
            .build();
        XMPPBOSHConnection c = new XMPPBOSHConnection(config);
        c.setReplyTimeout(target.timeout().toMillis());
        return c;
    }

    /** @return the transport Smack actually uses under {@code transport}: TCP stands in for WebSocket */
    static TransportKind wireOf(TransportKind transport) {
        return transport == TransportKind.WS ? TransportKind.TCP : transport;
    }

    private static XMPPTCPConnection tcpConnection(Target target, String user) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
            .setUsernameAndPassword(user, target.password())
            .setXmppDomain(target.domain())
            .setHostAddress(java.net.InetAddress.getByName(target.address()))
            .setPort(target.c2sPort())
            .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled)
            .addEnabledSaslMechanism("SCRAM-SHA-1")
            .setResource("smack")
            .build();
        XMPPTCPConnection c = new XMPPTCPConnection(config);
        c.setUseStreamManagement(false);
        c.setReplyTimeout(target.timeout().toMillis());
        return c;
    }

    /**
     * Logs in over the target's transport ({@link #wireOf}).
     *
     * @return the logged-in connection
     */
    static AbstractXMPPConnection open(Target target, String user) throws Exception {
        if (wireOf(target.transport()) == TransportKind.BOSH) {
            return login(target, user);
        }
        return loggedIn(tcpConnection(target, user));
    }

    private static <C extends AbstractXMPPConnection> C loggedIn(C c) throws Exception {
        try {
            c.connect().login();
            return c;
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
    }

    private static String smackHost(String host) {
        return host.equals("127.0.0.1") ? "localhost" : host;
    }

    static XMPPBOSHConnection login(Target target, String user) throws Exception {
        return loggedIn(connection(target, user));
    }

    @Override
    public Map<String, Object> login(Target target, int n) {
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        List<AbstractXMPPConnection> sessions = Collections.synchronizedList(new ArrayList<>());
        SyncLatencies loginTimes = new SyncLatencies(n);
        ProcessStats before = ProcessStats.afterGc();
        target.meter().begin();
        long start = System.nanoTime();
        runAll(target, n, i -> {
            try {
                long t0 = System.nanoTime();
                sessions.add(open(target, "user" + i));
                loginTimes.add(System.nanoTime() - t0);
            } catch (Exception | Error e) {
                errors.add("user" + i + " login: " + e);
            }
        });
        long loggedIn = System.nanoTime();
        target.meter().end();
        ProcessStats.sleep(target.hold().toMillis());
        ProcessStats held = ProcessStats.afterGc();
        AtomicInteger pingFailures = new AtomicInteger();
        List<AbstractXMPPConnection> snapshot = new ArrayList<>(sessions);
        runAll(target, snapshot.size(), i -> {
            if (!ping(target, snapshot.get(i - 1), errors::add)) {
                pingFailures.incrementAndGet();
            }
        });
        long closeStart = System.nanoTime();
        AtomicInteger closeFailures = new AtomicInteger();
        runAll(target, snapshot.size(), i -> {
            try {
                snapshot.get(i - 1).disconnect();
            } catch (RuntimeException e) {
                closeFailures.incrementAndGet();
                errors.add("close: " + e);
            }
        });
        long end = System.nanoTime();
        Map<String, Object> figures = LoginFigures.of(n, snapshot.size(), pingFailures.get(), closeFailures.get(),
            start, loggedIn, closeStart, end, before, held, ProcessStats.processCpuNanos(), errors);
        figures.putAll(loginTimes.summary("login"));
        return figures;
    }

    interface Task {
        void run(int i);
    }

    /** Runs tasks 1..count on a pool of {@code concurrency} threads and waits for all (or the time limit). */
    static void runAll(Target target, int count, Task task) {
        if (count == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, target.concurrency()));
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            pool.shutdown();
            if (!pool.awaitTermination(target.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static Message chat(Jid to, String id, String body) {
        return StanzaBuilder.buildMessage(id).to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    @Override
    public Map<String, Object> rtt(Target target, int m) {
        @Nullable AbstractXMPPConnection a = null;
        @Nullable AbstractXMPPConnection b = null;
        try {
            a = open(target, "user1");
            AbstractXMPPConnection bob = open(target, "user2");
            b = bob;
            // B echoes every chat message back to its sender with the same id and body
            bob.addAsyncStanzaListener(stanza -> {
                Message msg = (Message) stanza;
                if (msg.getBody() != null && msg.getFrom() != null) {
                    try {
                        bob.sendStanza(chat(msg.getFrom(), msg.getStanzaId(), msg.getBody()));
                    } catch (Exception e) {
                        // counted as a failure by the sender's timeout
                    }
                }
            }, StanzaTypeFilter.MESSAGE);
            Latencies latencies = new Latencies(m);
            int failures = 0;
            for (int i = -target.warmup(); i < m; i++) {
                if (i == 0) {
                    target.meter().begin();
                }
                String id = "rtt-" + i;
                StanzaCollector collector = a.createStanzaCollector(
                    new AndFilter(StanzaTypeFilter.MESSAGE, new StanzaIdFilter(id)));
                long t0 = System.nanoTime();
                try {
                    a.sendStanza(chat(bob.getUser(), id, "ping " + i));
                    Object reply = collector.nextResult(10_000);
                    long t1 = System.nanoTime();
                    if (reply == null) {
                        failures++;
                    } else if (i >= 0) {
                        latencies.add(t1 - t0);
                    }
                } catch (Exception e) {
                    failures++;
                } finally {
                    collector.cancel();
                }
            }
            target.meter().end();
            Map<String, Object> out = new LinkedHashMap<>(latencies.summary());
            out.put("failures", failures);
            return out;
        } catch (Exception e) {
            return failed(e);
        } finally {
            disconnect(a);
            disconnect(b);
        }
    }

    @Override
    public Map<String, Object> flood(Target target, int m) {
        @Nullable AbstractXMPPConnection a = null;
        @Nullable AbstractXMPPConnection b = null;
        try {
            a = open(target, "user1");
            b = open(target, "user2");
            FloodTally tally = new FloodTally(m);
            b.addSyncStanzaListener(stanza -> {
                String body = ((Message) stanza).getBody();
                if (body != null) {
                    tally.received(body);
                }
            }, StanzaTypeFilter.MESSAGE);
            return sendMetered(target, a, b.getUser(), m, tally);
        } catch (Exception e) {
            return failed(e);
        } finally {
            disconnect(a);
            disconnect(b);
        }
    }

    @Override
    public Map<String, Object> floodTo(Target target, String to,
                                       java.util.function.Function<FloodSplit.Sender, Map<String, Object>> phase) {
        @Nullable AbstractXMPPConnection a = null;
        try {
            AbstractXMPPConnection alice = open(target, "user1");
            a = alice;
            Jid peer = JidCreate.from(to);
            return new LinkedHashMap<>(phase.apply(m -> sendAll(alice, peer, m)));
        } catch (Exception e) {
            return failed(e);
        } finally {
            disconnect(a);
        }
    }

    @Override
    public Map<String, Object> floodFrom(Target target, java.util.function.Consumer<String> bodies,
                                         java.util.function.Consumer<String> drive) {
        @Nullable AbstractXMPPConnection b = null;
        try {
            b = open(target, "user2");
            b.addSyncStanzaListener(stanza -> {
                String body = ((Message) stanza).getBody();
                if (body != null) {
                    bodies.accept(body);
                }
            }, StanzaTypeFilter.MESSAGE);
            drive.accept(String.valueOf(b.getUser()));
            return new LinkedHashMap<>();
        } catch (Exception e) {
            return failed(e);
        } finally {
            disconnect(b);
        }
    }

    /**
     * Sends chat messages 1..M from {@code a} to {@code to} in a loop (Smack's API blocks per send),
     * metered until the tally is complete.
     *
     * @return the tally's figures with sendSeconds and sendFailures
     */
    private static Map<String, Object> sendMetered(Target target, AbstractXMPPConnection a, Jid to, int m, FloodTally tally) {
        target.meter().begin();
        long start = System.nanoTime();
        int sendFailures = sendAll(a, to, m);
        long sent = System.nanoTime();
        FloodWait.until(tally, target.timeout());
        target.meter().end();
        Map<String, Object> out = tally.summary(start);
        out.put("sendSeconds", Latencies.round((sent - start) / 1e9));
        out.put("sendFailures", sendFailures);
        return out;
    }

    /** @return how many of the sends of messages 1..M failed */
    private static int sendAll(AbstractXMPPConnection a, Jid to, int m) {
        int sendFailures = 0;
        for (int i = 1; i <= m; i++) {
            try {
                a.sendStanza(chat(to, "f" + i, Integer.toString(i)));
            } catch (Exception e) {
                sendFailures++;
            }
        }
        return sendFailures;
    }

    /** @return whether a ping from {@code c} to the server was answered; a failure is described to {@code errors} */
    static boolean ping(Target target, XMPPConnection c, java.util.function.Consumer<String> errors) {
        try {
            c.createStanzaCollectorAndSend(new Ping(JidCreate.domainBareFrom(target.domain()))).nextResultOrThrow();
            return true;
        } catch (Exception e) {
            errors.accept(c.getUser() + " ping: " + e);
            return false;
        }
    }

    private static Map<String, Object> failed(Exception e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", e.toString());
        return out;
    }

    private static void disconnect(@Nullable AbstractXMPPConnection c) {
        if (c != null) {
            try {
                c.disconnect();
            } catch (RuntimeException e) {
                // best effort
            }
        }
    }

    @Override
    public Population population(Target target, int n, Population.@Nullable Listener listener) {
        return new SmackPopulation(target, n, listener);
    }
}
