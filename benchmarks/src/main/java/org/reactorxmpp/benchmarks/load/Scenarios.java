package org.reactorxmpp.benchmarks.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two long-running scenarios, for any contender with a {@link Population}.
 *
 * <p><b>fanout N</b>: N sessions in this JVM; a driver (a {@link RawBoshClient} as session N+1,
 * whose threads' CPU is not counted) sends each session one chat message every {@code period},
 * spread evenly, for {@code duration}; each session answers. Reported: messages sent, delivered,
 * answered, delivery latency (driver's send call to the session's receipt) p50/p99, client CPU per
 * delivered message (receiving and answering; from the end of the first period, which warms up, to
 * the last answer), server CPU per delivered message, heap in use and live threads every
 * {@code sample}.
 *
 * <p><b>soak N</b>: N idle sessions for {@code duration} (only the transport's keep-alives run),
 * heap after a full GC and live threads every {@code sample}; the heap slope, drops (sessions the
 * library saw end unasked) and failed pings at the end.
 */
final class Scenarios {

    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration DRAIN_IDLE = Duration.ofSeconds(10);
    private static final int WARMUP_SESSIONS = 10;

    private Scenarios() {
    }

    static Map<String, Object> fanout(Target target, Contender contender, int n, Duration duration, Duration period,
                                      Duration sample) {
        SyncLatencies delivery = new SyncLatencies(1024);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        long before = System.nanoTime();
        Population population = contender.population(target, n, body -> {
            long now = System.nanoTime();
            int colon = body.indexOf(':');
            if (colon > 0) {
                long sent = Long.parseLong(body.substring(colon + 1));
                delivery.add(now - sent);
                delivered.incrementAndGet();
            }
        });
        double loginSeconds = (System.nanoTime() - before) / 1e9;
        RawBoshClient driver = RawBoshClient.login(target.boshUrl(), target.domain(), "user" + (n + 1),
            target.password(), (from, body) -> answered.incrementAndGet());
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            List<String> jids = population.jids();
            target.meter().exclude(driver.threads());
            target.meter().exclude(List.of(Thread.currentThread()));
            Samples samples = new Samples(false, "delivered", delivered::get);
            int sent = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long nextSample = start;
            // the first period warms up (JIT, buffers): its deliveries count, its CPU does not
            long meterAt = duration.compareTo(period.multipliedBy(2)) >= 0 ? start + period.toNanos() : start;
            int deliveredBeforeMeter = 0;
            boolean metering = false;
            while (System.nanoTime() < end && !jids.isEmpty()) {
                long now = System.nanoTime();
                if (!metering && now >= meterAt) {
                    deliveredBeforeMeter = delivered.get();
                    target.meter().begin();
                    metering = true;
                }
                if (now >= nextSample) {
                    samples.take();
                    nextSample += sample.toNanos();
                }
                long due = (long) ((double) (now - start) / period.toNanos() * jids.size());
                for (; sent < due; sent++) {
                    driver.send(RawBoshClient.chat(jids.get(sent % jids.size()), sent + ":" + System.nanoTime()));
                }
                ProcessStats.sleep(TICK.toMillis());
            }
            awaitDrain(sent, delivered, answered, target.timeout());
            target.meter().end();
            samples.take();
            out.put("sessions", jids.size());
            out.put("loginFailures", population.loginFailures());
            out.put("loginSeconds", Latencies.round(loginSeconds));
            out.put("durationSeconds", Latencies.round(duration.toMillis() / 1000.0));
            out.put("periodSeconds", Latencies.round(period.toMillis() / 1000.0));
            out.put("sent", sent);
            out.put("delivered", delivered.get());
            out.put("answered", answered.get());
            out.put("lost", sent - delivered.get());
            out.put("replyFailures", population.replyFailures());
            out.putAll(delivery.summary("delivery"));
            out.put("deliveredWhileMetered", delivered.get() - deliveredBeforeMeter);
            out.putAll(target.meter().figures("Delivered", delivered.get() - deliveredBeforeMeter));
            out.put("drops", population.drops());
            out.put("pingFailures", population.pingAll());
            out.put("maxLiveThreads", samples.maxThreads());
            out.put("samples", samples.list());
            if (driver.error() != null) {
                out.put("driverError", driver.error());
            }
        } finally {
            driver.close();
            population.close();
        }
        out.put("firstErrors", population.firstErrors());
        return out;
    }

    private static void awaitDrain(int sent, AtomicInteger delivered, AtomicInteger answered, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long idleSince = System.nanoTime();
        int last = -1;
        while (System.nanoTime() < deadline && (delivered.get() < sent || answered.get() < sent)) {
            int now = delivered.get() + answered.get();
            if (now != last) {
                last = now;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > DRAIN_IDLE.toNanos()) {
                return;
            }
            ProcessStats.sleep(10);
        }
    }

    static Map<String, Object> soak(Target target, Contender contender, int n, Duration duration, Duration sample) {
        // a few sessions first, so that class loading and pools are not counted as heap per session
        contender.population(target, Math.min(WARMUP_SESSIONS, n), null).close();
        ProcessStats baseline = ProcessStats.afterGc();
        Population population = contender.population(target, n, null);
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Samples samples = new Samples(true, "drops", population::drops);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            samples.take();
            long nextSample = start + sample.toNanos();
            while (System.nanoTime() < end) {
                ProcessStats.sleep(Math.max(1, Math.min(TICK.toMillis() * 10, (nextSample - System.nanoTime()) / 1_000_000)));
                if (System.nanoTime() >= nextSample) {
                    samples.take();
                    nextSample += sample.toNanos();
                }
            }
            samples.take();
            List<Map<String, Object>> list = samples.list();
            long firstHeap = (Long) list.get(0).get("heapAfterGcBytes");
            int sessions = population.jids().size();
            out.put("sessions", sessions);
            out.put("loginFailures", population.loginFailures());
            out.put("durationSeconds", Latencies.round(duration.toMillis() / 1000.0));
            out.put("heapPerSessionBytes", Math.round((firstHeap - baseline.heapAfterGcBytes()) / (double) Math.max(1, sessions)));
            out.put("heapSlopeBytesPerMinute", samples.heapSlopeBytesPerMinute());
            out.put("liveThreadsBefore", baseline.liveThreads());
            out.put("minLiveThreads", samples.minThreads());
            out.put("maxLiveThreads", samples.maxThreads());
            out.put("drops", population.drops());
            out.put("pingFailures", population.pingAll());
            out.put("samples", list);
        } finally {
            population.close();
        }
        out.put("firstErrors", population.firstErrors());
        return out;
    }
}
