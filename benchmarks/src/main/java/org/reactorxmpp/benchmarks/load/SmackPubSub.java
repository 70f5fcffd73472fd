package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Smack's side of {@link PubSubFanout}: BOSH connections, {@code PubSubManager} and {@code LeafNode} per connection. */
final class SmackPubSub implements PubSubFanout.Contender {

    @Override
    public String name() {
        return "smack";
    }

    @Override
    public Map<String, Object> run(Target target, String service, PubSubFanout.Settings settings) {
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        int n = settings.subscribers() + 1;
        XMPPBOSHConnection[] sessions = new XMPPBOSHConnection[n];
        try {
            BareJid pubsubJid = JidCreate.domainBareFrom(service);
            long t0 = System.nanoTime();
            SmackContender.runAll(target, n, i -> {
                try {
                    sessions[i - 1] = SmackContender.login(target, "user" + i);
                } catch (Exception e) {
                    errors.add("user" + i + " login: " + e);
                }
            });
            figures.put("loginSeconds", Latencies.round((System.nanoTime() - t0) / 1e9));
            LeafNode publisher = PubSubManager.getInstanceFor(sessions[0], pubsubJid).createNode(OursPubSub.NODE);

            AtomicLong expectedHolder = new AtomicLong(Long.MAX_VALUE);
            AtomicLong delivered = new AtomicLong();
            AtomicLong lastAt = new AtomicLong();
            AtomicLong subscribed = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            ItemEventListener<Item> counter = event -> {
                long total = delivered.addAndGet(event.getItems().size());
                if (total >= expectedHolder.get()) {
                    lastAt.compareAndSet(0, System.nanoTime());
                    done.countDown();
                }
            };
            long t1 = System.nanoTime();
            SmackContender.runAll(target, settings.subscribers(), i -> {
                XMPPBOSHConnection c = sessions[i];
                if (c == null) {
                    return;
                }
                try {
                    LeafNode node = PubSubManager.getInstanceFor(c, pubsubJid).getLeafNode(OursPubSub.NODE);
                    node.addItemEventListener(counter);
                    node.subscribe(c.getUser().asBareJid());
                    subscribed.incrementAndGet();
                } catch (Exception e) {
                    errors.add(c.getUser() + " subscribe: " + e);
                }
            });
            long expected = subscribed.get() * settings.items();
            expectedHolder.set(expected);
            figures.put("subscribers", subscribed.get());
            figures.put("subscribeSeconds", Latencies.round((System.nanoTime() - t1) / 1e9));

            // the publisher's blocking publishes, settings.inFlight() at a time
            Target publishing = new Target(target.boshUrl(), target.domain(), target.password(), settings.inFlight(),
                target.hold(), 0, target.timeout(), target.meter());
            target.meter().begin();
            long start = System.nanoTime();
            SmackContender.runAll(publishing, settings.items(), i -> {
                try {
                    publisher.publish(new PayloadItem<>("i" + i,
                        new SimplePayload("<entry xmlns='" + OursPubSub.NS + "'>item " + i + "</entry>")));
                } catch (Exception e) {
                    errors.add("publish " + i + ": " + e);
                }
            });
            figures.put("publishSeconds", Latencies.round((System.nanoTime() - start) / 1e9));
            if (!done.await(target.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                errors.add("not all events arrived: " + delivered.get() + " of " + expected);
            }
            target.meter().end();
            figures.put("expected", expected);
            figures.put("delivered", delivered.get());
            if (lastAt.get() > 0) {
                figures.put("firstPublishToLastEventSeconds", Latencies.round((lastAt.get() - start) / 1e9));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            errors.add(e.toString());
        } finally {
            List<XMPPBOSHConnection> open = new ArrayList<>();
            Collections.addAll(open, sessions);
            open.removeIf(java.util.Objects::isNull);
            SmackContender.runAll(target, open.size(), i -> {
                try {
                    open.get(i - 1).disconnect();
                } catch (RuntimeException e) {
                    errors.add("close: " + e);
                }
            });
        }
        figures.put("errors", List.copyOf(errors).subList(0, Math.min(errors.size(), 10)));
        figures.put("errorCount", errors.size());
        return figures;
    }
}
