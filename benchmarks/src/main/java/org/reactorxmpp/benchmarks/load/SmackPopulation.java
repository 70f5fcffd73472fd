package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jspecify.annotations.Nullable;

/** N Smack BOSH connections, logged in on a pool of {@code concurrency} threads (shut down afterwards). */
final class SmackPopulation extends BasePopulation {

    private final Target target;
    private final List<XMPPBOSHConnection> sessions;

    SmackPopulation(Target target, int n, Population.@Nullable Listener listener) {
        this.target = target;
        List<XMPPBOSHConnection> list = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        SmackContender.runAll(target, n, i -> {
            try {
                list.add(SmackContender.login(target, "user" + i));
            } catch (Exception | Error e) {
                failed.incrementAndGet();
                errors.add("user" + i + " login: " + e);
            }
        });
        this.sessions = new ArrayList<>(list);
        loginFailures.set(failed.get());
        for (XMPPBOSHConnection c : sessions) {
            c.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    drops.incrementAndGet();
                    errors.add(c.getUser() + " dropped: " + e);
                }
            });
            if (listener != null) {
                c.addAsyncStanzaListener(stanza -> {
                    Message msg = (Message) stanza;
                    if (msg.getBody() != null && msg.getFrom() != null) {
                        listener.delivered(msg.getBody());
                        try {
                            c.sendStanza(SmackContender.chat(msg.getFrom(), msg.getStanzaId(), msg.getBody()));
                        } catch (Exception e) {
                            replyFailures.incrementAndGet();
                            errors.add(c.getUser() + " reply: " + e);
                        }
                    }
                }, StanzaTypeFilter.MESSAGE);
            }
        }
    }

    @Override
    public List<String> jids() {
        List<String> out = new ArrayList<>(sessions.size());
        sessions.forEach(c -> out.add(String.valueOf(c.getUser())));
        return out;
    }

    @Override
    public int pingAll() {
        AtomicInteger failures = new AtomicInteger();
        SmackContender.runAll(target, sessions.size(), i -> {
            if (!SmackContender.ping(target, sessions.get(i - 1), errors::add)) {
                failures.incrementAndGet();
            }
        });
        return failures.get();
    }

    @Override
    public void close() {
        SmackContender.runAll(target, sessions.size(), i -> {
            try {
                sessions.get(i - 1).disconnect();
            } catch (RuntimeException e) {
                errors.add("close: " + e);
            }
        });
    }
}
