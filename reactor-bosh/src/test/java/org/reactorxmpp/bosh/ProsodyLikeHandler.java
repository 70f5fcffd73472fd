package org.reactorxmpp.bosh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Default behaviour of the fake connection manager, modelled on Prosody: requests=2, hold=1, the
 * features in the creation response, the oldest held request answered when a newer one arrives or
 * when there is something to push, a resent rid answered without processing it twice. Payloads are
 * recorded in rid order; with echo on, each is pushed back to the client. Like a connection manager
 * that implements XEP-0124 section 15, once a session announces a {@code newkey} every request, in rid
 * order, must carry a {@code key} whose SHA-1 hex is the previous key or newkey, or the session is
 * terminated with {@code item-not-found}.
 */
class ProsodyLikeHandler implements FakeConnectionManager.Handler {

    static final String EMPTY = "<body xmlns='http://jabber.org/protocol/httpbind'/>";
    static final String FEATURES = "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
        + "</stream:features>";

    String sid = "s1";
    /** The fake's clock (pause and inactivity expiry): a test can share the client's virtual one. */
    java.util.function.LongSupplier clock = System::nanoTime;
    int requests = 2;
    int hold = 1;
    int polling = 5;
    /** Advertised as inactivity; with {@link #enforceInactivity} a session left without a held request longer is dropped. */
    int inactivity = 60;
    boolean enforceInactivity;
    private long lastAnswerNanos;
    boolean featuresInCreation = true;
    boolean echo;
    String extraCreationAttributes = "";
    /** When positive, advertised as maxpause and pauses are honoured (XEP-0124 section 10). */
    int maxpause;
    private final List<String> pauses = new ArrayList<>();
    private long pausedUntilNanos;
    private boolean gone;
    private boolean inactivityExpired;

    private final TreeMap<Long, Object[]> arrivals = new TreeMap<>();
    private final List<XmlElement> delivered = new ArrayList<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final java.util.Map<Long, Reply> answers = new java.util.HashMap<>();

    /** A held request; a resend of its rid (another connection taking over) takes its place. */
    private static final class Held {
        final long rid;
        Sinks.One<Reply> sink;

        Held(long rid, Sinks.One<Reply> sink) {
            this.rid = rid;
            this.sink = sink;
        }
    }

    private void answer(Held h, Reply reply) {
        lastAnswerNanos = clock.getAsLong();
        answers.put(h.rid, reply);
        h.sink.tryEmitValue(reply);
    }
    private final List<String> toPush = new ArrayList<>();
    private final Set<Long> processed = new HashSet<>();
    private int resends;
    private String terminateWith;
    private long lastEmptyNanos;
    int tooFrequentPolls;
    private long nextRid;
    private String expectedKeyHash;
    private int rekeys;
    private int keysChecked;
    private boolean keyFailure;

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Mono<Reply> handle(Received r) {
        long rid = r.rid();
        if (r.isCreation()) {
            nextRid = rid + 1;
            expectedKeyHash = r.body().attribute("newkey");
            if (!featuresInCreation) {
                toPush.add(FEATURES);
            }
            lastAnswerNanos = clock.getAsLong();
            return Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' xmlns:stream='http://etherx.jabber.org/streams'"
                + " sid='" + sid + "' wait='60' requests='" + requests + "' hold='" + hold + "' inactivity='" + inactivity
                + "' polling='" + polling + "'"
                + " ver='1.6' from='localhost' secure='true' " + extraCreationAttributes
                + (maxpause > 0 ? " maxpause='" + maxpause + "'" : "") + ">"
                + (featuresInCreation ? FEATURES : "") + "</body>"));
        }
        if (hold == 0 && r.payload().isEmpty() && r.body().attribute("type") == null) {
            long now = clock.getAsLong();
            if (lastEmptyNanos != 0 && now - lastEmptyNanos < polling * 1_000_000_000L) {
                tooFrequentPolls++;
                return Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                    + " condition='policy-violation'/>"));
            }
            lastEmptyNanos = now;
        }
        if (!processed.add(rid)) {
            // like Prosody: a held request is taken over by its resend, an answered one is replayed
            resends++;
            for (Held h : held) {
                if (h.rid == rid) {
                    Sinks.One<Reply> fresh = Sinks.one();
                    h.sink.tryEmitValue(Reply.xml(EMPTY));
                    h.sink = fresh;
                    return fresh.asMono();
                }
            }
            Object[] waiting = arrivals.get(rid);
            if (waiting != null) {
                // still waiting for an earlier rid: the resend takes its place, its answer goes to the resend
                Sinks.One<Reply> fresh = Sinks.one();
                ((Sinks.One<Reply>) waiting[1]).tryEmitValue(Reply.xml(EMPTY));
                waiting[1] = fresh;
                return fresh.asMono();
            }
            Reply cached = answers.get(rid);
            return Mono.just(cached != null ? cached : Reply.xml(EMPTY));
        }
        // like Prosody: requests are processed in rid order; one that overtook an earlier one waits for it
        Sinks.One<Reply> reply = Sinks.one();
        arrivals.put(rid, new Object[] {r, reply});
        while (!arrivals.isEmpty() && arrivals.firstKey() == nextRid) {
            Object[] next = arrivals.pollFirstEntry().getValue();
            process((Received) next[0], (Sinks.One<Reply>) next[1]);
            nextRid++;
        }
        return reply.asMono();
    }

    private void process(Received r, Sinks.One<Reply> reply) {
        if (enforceInactivity && pausedUntilNanos == 0 && held.isEmpty()
            && clock.getAsLong() - lastAnswerNanos > inactivity * 1_000_000_000L) {
            inactivityExpired = true;
            gone = true; // XEP-0124 section 10: the session was silently dropped
        }
        if (pausedUntilNanos != 0) {
            boolean expired = clock.getAsLong() > pausedUntilNanos;
            pausedUntilNanos = 0;
            gone |= expired; // the session was dropped when the pause ran out
        }
        if (gone) {
            reply.tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                + " condition='item-not-found'/>"));
            return;
        }
        String pause = r.body().attribute("pause");
        if (pause != null) {
            pauses.add(pause);
            long seconds = Long.parseLong(pause);
            if (maxpause <= 0 || seconds > maxpause) {
                reply.tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                    + " condition='policy-violation'/>"));
                return;
            }
            // section 10: answer every held request at once, and this one
            while (!held.isEmpty()) {
                answer(held.poll(), Reply.xml(EMPTY));
            }
            pausedUntilNanos = clock.getAsLong() + seconds * 1_000_000_000L;
            reply.tryEmitValue(Reply.xml(EMPTY));
            return;
        }
        if (keyFailure || !keyAccepted(r.body())) {
            keyFailure = true;
            reply.tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                + " condition='item-not-found'/>"));
            return;
        }
        for (XmlElement e : r.payload()) {
            delivered.add(e);
            if (echo) {
                toPush.add(e.toString());
            }
        }
        if ("terminate".equals(r.body().attribute("type"))) {
            while (!held.isEmpty()) {
                answer(held.poll(), Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>"));
            }
            reply.tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>"));
            return;
        }
        if ("true".equals(r.body().attribute(org.reactorxmpp.bosh.internal.BoshWireAccess.XMPP_RESTART))) {
            toPush.add(FEATURES); // like Prosody: answered on the oldest held request
        }
        held.add(new Held(r.rid(), reply));
        release();
    }

    private boolean keyAccepted(XmlElement body) {
        if (expectedKeyHash == null) {
            return true; // the session does not use keys
        }
        String key = body.attribute("key");
        if (key == null || !org.reactorxmpp.bosh.internal.BoshWireAccess.sha1Hex(key).equals(expectedKeyHash)) {
            return false;
        }
        keysChecked++;
        String newkey = body.attribute("newkey");
        if (newkey != null) {
            rekeys++;
        }
        expectedKeyHash = newkey != null ? newkey : key;
        return true;
    }

    /** @return how many requests were announced a new key sequence */
    synchronized int rekeys() {
        return rekeys;
    }

    /** @return how many requests carried a valid key */
    synchronized int keysChecked() {
        return keysChecked;
    }

    /** @return whether a request carried a wrong or no key */
    synchronized boolean keyFailure() {
        return keyFailure;
    }

    /** Queues XML for the client (answered on the oldest held request). */
    synchronized void push(String xml) {
        toPush.add(xml);
        release();
    }

    private void release() {
        if (terminateWith != null) {
            while (!held.isEmpty()) {
                answer(held.poll(), Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' "
                    + terminateWith + "/>"));
            }
            return;
        }
        if (!toPush.isEmpty() && !held.isEmpty()) {
            StringBuilder sb = new StringBuilder("<body xmlns='http://jabber.org/protocol/httpbind'>");
            toPush.forEach(sb::append);
            toPush.clear();
            answer(held.poll(), Reply.xml(sb.append("</body>").toString()));
        }
        while (held.size() > hold) {
            answer(held.poll(), Reply.xml(EMPTY));
        }
    }

    /** Answers every held request with a terminating body carrying these attributes. */
    synchronized void terminateHeld(String attributes) {
        terminateWith = attributes;
        release();
    }

    /** @return whether the session was dropped because the client left it without a request too long */
    synchronized boolean inactivityExpired() {
        return inactivityExpired;
    }

    /** @return the pause values received */
    synchronized List<String> pauses() {
        return List.copyOf(pauses);
    }

    /** @return how many requests the fake holds now */
    synchronized int heldCount() {
        return held.size();
    }

    synchronized List<XmlElement> delivered() {
        return List.copyOf(delivered);
    }

    synchronized int resends() {
        return resends;
    }
}
