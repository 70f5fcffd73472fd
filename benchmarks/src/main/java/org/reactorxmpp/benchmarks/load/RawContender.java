package org.reactorxmpp.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The reference under rtt and flood: two {@link RawClient}s (no XMPP library, PLAIN login, text
 * search for messages; {@link RawBoshClient} over BOSH, {@link RawStreamClient} over TCP and
 * WebSocket) on their own fresh server. Its msgs/s is what Prosody gives a client
 * that costs almost nothing, so a library's figure divided by it is the fraction of the server-bound
 * limit; its RTT is the floor of an A to B to A exchange including the server's own work.
 */
final class RawContender implements Contender {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public Map<String, Object> login(Target target, int n) {
        throw new UnsupportedOperationException("the raw client is a reference for rtt and flood only");
    }

    @Override
    public Map<String, Object> rtt(Target target, int m) {
        SynchronousQueue<String> replies = new SynchronousQueue<>();
        @Nullable RawClient a = null;
        @Nullable RawClient b = null;
        try {
            a = RawClient.login(target, "user1", (from, body) -> {
                try {
                    replies.offer(body, 10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RawClient[] echo = new RawClient[1];
            b = RawClient.login(target, "user2", (from, body) -> echo[0].send(RawClient.chat(from, body)));
            echo[0] = b;
            Latencies latencies = new Latencies(m);
            int failures = 0;
            for (int i = -target.warmup(); i < m; i++) {
                if (i == 0) {
                    target.meter().begin();
                }
                String body = "ping " + i;
                long t0 = System.nanoTime();
                a.send(RawClient.chat(b.jid(), body));
                String reply = replies.poll(10, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                if (!body.equals(reply)) {
                    failures++;
                } else if (i >= 0) {
                    latencies.add(t1 - t0);
                }
            }
            target.meter().end();
            Map<String, Object> out = new LinkedHashMap<>(latencies.summary());
            out.put("failures", failures);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    @Override
    public Map<String, Object> flood(Target target, int m) {
        FloodTally tally = new FloodTally(m);
        @Nullable RawClient a = null;
        @Nullable RawClient b = null;
        try {
            a = RawClient.login(target, "user1", (from, body) -> { });
            b = RawClient.login(target, "user2", (from, body) -> tally.received(body));
            String to = b.jid();
            target.meter().begin();
            long start = System.nanoTime();
            for (int i = 1; i <= m; i++) {
                a.send(RawClient.chat(to, Integer.toString(i)));
            }
            long sent = System.nanoTime();
            FloodWait.until(tally, target.timeout());
            target.meter().end();
            Map<String, Object> out = tally.summary(start);
            out.put("sendSeconds", Latencies.round((sent - start) / 1e9));
            out.put("sendFailures", 0);
            if (a.error() != null) {
                out.put("senderError", a.error());
            }
            if (b.error() != null) {
                out.put("receiverError", b.error());
            }
            return out;
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    private static void closeQuietly(@Nullable RawClient c) {
        if (c != null) {
            c.close();
        }
    }
}
