package org.reactorxmpp.bosh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.reactorxmpp.bosh.FakeConnectionManager.Received;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The rid handling of ejabberd 23.01's {@code ejabberd_bosh.erl} (read from its source), for the cases a test
 * cannot make the real server produce on demand: requests=2, hold=1; a rid more than {@code requests} ahead is
 * answered {@code item-not-found}; a rid ahead of the next expected one is parked unprocessed; the expected rid
 * is processed, and when it brings nothing back it is held and the previously held one answered empty,
 * <em>without looking at a parked successor</em>; only when the held request is answered with data (a push) is
 * a parked successor processed. So a rid N+1 that arrives before an empty rid N stays unprocessed until
 * something is pushed to the session. A request whose rid is already parked or held and gets processed again
 * crashes the session ({@code {key_exists, Rid}}): every waiting request is answered {@code other-request}.
 * With echo on, each payload element comes back as a push shortly after it was processed, like a message
 * routed to oneself.
 */
final class EjabberdLikeHandler implements FakeConnectionManager.Handler {

    static final String EMPTY = ProsodyLikeHandler.EMPTY;

    private record Waiting(Received request, Sinks.One<Reply> sink, boolean parked) {
    }

    private long prevRid;
    private final TreeMap<Long, Waiting> receivers = new TreeMap<>();
    private final Map<Long, Reply> responses = new HashMap<>();
    private final List<String> out = new ArrayList<>();
    private final List<XmlElement> delivered = new ArrayList<>();
    private int parkedCount;
    private int crashes;
    private boolean dead;
    boolean echo = true;

    @Override
    public synchronized Mono<Reply> handle(Received r) {
        long rid = r.rid();
        Sinks.One<Reply> sink = Sinks.one();
        if (r.isCreation()) {
            prevRid = rid; // one session at a time: a new one replaces the last
            dead = false;
            receivers.clear();
            responses.clear();
            out.clear();
            return Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' sid='e1' wait='60'"
                + " requests='2' hold='1' polling='2' inactivity='30' maxpause='120' ver='1.11' from='localhost'>"
                + ProsodyLikeHandler.FEATURES + "</body>"));
        }
        if (dead || rid > prevRid + 2) {
            return Mono.just(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                + " condition='item-not-found'/>"));
        }
        if (rid > prevRid + 1) {
            parkedCount++;
            if (receivers.putIfAbsent(rid, new Waiting(r, sink, true)) != null) {
                crash();
            }
            return sink.asMono();
        }
        if (rid <= prevRid) {
            Reply cached = responses.get(rid);
            if (cached != null) {
                return Mono.just(cached);
            }
            Waiting old = receivers.remove(rid);
            if (old != null) {
                answer(old, Reply.xml(EMPTY));
            }
            receivers.put(rid, new Waiting(r, sink, false));
            return sink.asMono();
        }
        process(r, sink);
        return sink.asMono();
    }

    private void process(Received r, Sinks.One<Reply> sink) {
        long rid = r.rid();
        for (XmlElement e : r.payload()) {
            delivered.add(e);
            if (echo) {
                String xml = e.toString();
                Mono.delay(Duration.ofMillis(1)).subscribe(t -> push(xml));
            }
        }
        if ("terminate".equals(r.body().attribute("type"))) {
            dead = true;
            bounce("other-request");
            sink.tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'/>"));
            return;
        }
        Waiting held = receivers.remove(prevRid);
        if (held != null) {
            answer(held, Reply.xml(EMPTY));
        }
        prevRid = rid;
        if (out.isEmpty()) {
            if (receivers.putIfAbsent(rid, new Waiting(r, sink, false)) != null) {
                crash(); // gb_trees:insert of a rid that is already waiting
            }
            return;
        }
        answer(new Waiting(r, sink, false), drain());
        processParkedSuccessor(rid);
    }

    private void processParkedSuccessor(long rid) {
        Waiting next = receivers.get(rid + 1);
        if (next != null && next.parked()) {
            receivers.remove(rid + 1);
            process(next.request(), next.sink());
        }
    }

    /** Something for the client: answers the held request with it and then processes a parked successor. */
    synchronized void push(String xml) {
        if (dead) {
            return;
        }
        out.add(xml);
        Waiting held = receivers.get(prevRid);
        if (held != null && !held.parked()) {
            receivers.remove(prevRid);
            answer(held, drain());
            processParkedSuccessor(prevRid);
        }
    }

    private Reply drain() {
        StringBuilder sb = new StringBuilder("<body xmlns='http://jabber.org/protocol/httpbind'>");
        out.forEach(sb::append);
        out.clear();
        return Reply.xml(sb.append("</body>").toString());
    }

    private void answer(Waiting w, Reply reply) {
        responses.put(w.request().rid(), reply);
        w.sink().tryEmitValue(reply);
    }

    private void crash() {
        crashes++;
        dead = true;
        bounce("other-request");
    }

    private void bounce(String condition) {
        for (Waiting w : receivers.values()) {
            w.sink().tryEmitValue(Reply.xml("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
                + " condition='" + condition + "'/>"));
        }
        receivers.clear();
    }

    /** @return how many requests arrived ahead of the rid expected next (and were parked) */
    synchronized int parked() {
        return parkedCount;
    }

    /** @return how many times a rid was processed while already waiting (ejabberd's {@code key_exists} crash) */
    synchronized int crashes() {
        return crashes;
    }

    synchronized List<XmlElement> delivered() {
        return List.copyOf(delivered);
    }
}
