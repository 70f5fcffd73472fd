package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * A fresh Prosody for one contender in one round, configured for load runs: the test template minus
 * {@code mod_mam} (its file archive costs ~0.11 ms of server CPU per message and slows down as it
 * grows, so state would carry over between contenders), Nagle off, and accounts with a distinct
 * SCRAM salt each (Smack caches derived SCRAM keys by password and salt, so accounts sharing a salt
 * would spare it the key derivation that every real login pays).
 */
final class LoadServer {

    /**
     * Lines added to the test template's global section; later assignments win in Prosody's config. The listen
     * backlog: Prosody's default {@code tcp_backlog} is 128; at 1,000 connections opened at once (login 10000 at
     * concurrency 1,000, and every held session's ping after the hold opening its spare connection again) the
     * kernel's accept queue overflowed some 30,000 times in one round (TcpExtListenOverflows), SYNs were dropped and
     * retried after 1, 3, 7, 15, 31 s, and ~10% of the logins and pings ran into their 30 s timeouts. A server for
     * thousands of clients raises it; 4,096 is this machine's {@code net.core.somaxconn}, which caps it anyway.
     */
    static final List<String> LOAD_CONFIG = List.of(
        "modules_disabled = { \"s2s\"; \"tls\"; \"mam\" } -- load runs: no message archive",
        "network_settings = { nagle = false; tcp_backlog = 4096 }");

    static final String PASSWORD = "secret";

    private LoadServer() {
    }

    /**
     * Starts a new server with accounts {@code user1..userN}, each with its own salt (created on all
     * cores before start).
     *
     * @param users how many accounts
     * @return the running server; close it after the run
     */
    static ProsodyServer start(int users) {
        return start(users, 0);
    }

    /**
     * @param users how many accounts
     * @param boshMaxWait {@code bosh_max_wait} in seconds, or 0 for Prosody's default (smoke runs lower
     *     it, so that a client stalled until its held request returns costs seconds, not a minute)
     * @return the running server; close it after the run
     */
    static ProsodyServer start(int users, int boshMaxWait) {
        ProsodyServer.Builder builder = ProsodyServer.builder();
        config(boshMaxWait).forEach(builder::extraConfig);
        ProsodyServer prosody = builder.build();
        createAccounts(prosody, users);
        prosody.start();
        return prosody;
    }

    /** @return the lines added to the template for load runs */
    static List<String> config(int boshMaxWait) {
        if (boshMaxWait <= 0) {
            return LOAD_CONFIG;
        }
        List<String> lines = new ArrayList<>(LOAD_CONFIG);
        lines.add("bosh_max_wait = " + boshMaxWait);
        return List.copyOf(lines);
    }

    private static void createAccounts(ProsodyServer prosody, int users) {
        int threads = Math.max(1, Math.min(users, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    for (int i = first + 1; i <= users; i += threads) {
                        prosody.createUser("user" + i, PASSWORD);
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + users + " accounts", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * @param prosody a started server
     * @return what the JSON records about the server of a run: pid, fresh, whether mod_mam is loaded
     */
    static Map<String, Object> describe(ProsodyServer prosody, int boshMaxWait) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", prosody.pid());
        m.put("fresh", true);
        m.put("extraConfig", config(boshMaxWait));
        m.put("distinctSaltPerAccount", true);
        return m;
    }

    /**
     * @return the kernel's {@code TcpExtListenOverflows} counter (connections dropped because a listen socket's
     *     accept queue was full; machine-wide, so other processes' listeners count too), or -1 when unreadable
     */
    static long listenOverflows() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
            for (int i = 0; i + 1 < lines.size(); i += 2) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] values = lines.get(i + 1).trim().split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[0].equals("TcpExt:") && names[k].equals("ListenOverflows")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @param prosody a server after its run
     * @return whether Prosody wrote any message archive (evidence that the archive was off)
     */
    static boolean archiveWritten(ProsodyServer prosody) {
        try (Stream<Path> files = Files.walk(prosody.directory().resolve("data"))) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("archive"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
