package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jspecify.annotations.Nullable;
import org.jxmpp.jid.impl.JidCreate;

/** N Smack BOSH connections, logged in on a pool of {@code concurrency} threads (shut down afterwards). */
final class SmackPopulation implements Population {

    private final Target target;
    private final ErrorLog errors = new ErrorLog();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger replyFailures = new AtomicInteger();
    private final List<XMPPBOSHConnection> sessions;
    private final int loginFailures;

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
        this.loginFailures = failed.get();
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
    public int loginFailures() {
        return loginFailures;
    }

    @Override
    public int drops() {
        return drops.get();
    }

    @Override
    public int replyFailures() {
        return replyFailures.get();
    }

    @Override
    public List<String> firstErrors() {
        return errors.first();
    }

    @Override
    public int pingAll() {
        AtomicInteger failures = new AtomicInteger();
        SmackContender.runAll(target, sessions.size(), i -> {
            XMPPConnection c = sessions.get(i - 1);
            try {
                c.createStanzaCollectorAndSend(new Ping(JidCreate.domainBareFrom(target.domain()))).nextResultOrThrow();
            } catch (Exception e) {
                failures.incrementAndGet();
                errors.add(c.getUser() + " ping: " + e);
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
