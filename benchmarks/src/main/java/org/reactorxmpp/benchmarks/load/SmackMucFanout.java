package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The MUC fan-out with Smack 4.4.8's {@link MultiUserChat}: N BOSH connections (logged in on a pool of
 * {@link Target#concurrency()} threads), the first creates the room ({@code create(nick).makeInstant()}),
 * the others {@code join} without history (16 at a time), the first sends M messages in a loop
 * ({@code sendMessage} blocks per send), each occupant counts what its message listener gets.
 */
final class SmackMucFanout {

    private SmackMucFanout() {
    }

    static Map<String, Object> run(Target target, int occupants, int messages, String roomName) throws Exception {
        AtomicReferenceArray<XMPPBOSHConnection> connections = new AtomicReferenceArray<>(occupants);
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            SmackContender.runAll(target, occupants, i -> {
                try {
                    connections.set(i - 1, SmackContender.login(target, "user" + i));
                } catch (Exception e) {
                    errors.add("user" + i + " login: " + e);
                }
            });
            if (!errors.isEmpty()) {
                throw new IllegalStateException("logins failed: " + errors.subList(0, Math.min(3, errors.size())));
            }
            EntityBareJid jid = JidCreate.entityBareFrom(roomName + "@conference." + target.domain());
            MultiUserChat sender = MultiUserChatManager.getInstanceFor(connections.get(0)).getMultiUserChat(jid);
            sender.create(Resourcepart.from("u1")).makeInstant();
            MucFanoutTally tally = new MucFanoutTally(occupants, messages);
            sender.addMessageListener(m -> tally.delivered(0, m.getBody()));
            SmackContender.runAll(target.with(16, target.hold(), 0), occupants - 1, i -> {
                try {
                    MultiUserChat muc = MultiUserChatManager.getInstanceFor(connections.get(i)).getMultiUserChat(jid);
                    muc.addMessageListener(m -> tally.delivered(i, m.getBody()));
                    muc.join(muc.getEnterConfigurationBuilder(Resourcepart.from("u" + (i + 1))).requestNoHistory().build());
                } catch (Exception e) {
                    errors.add("u" + (i + 1) + " join: " + e);
                }
            });
            if (!errors.isEmpty()) {
                throw new IllegalStateException("joins failed: " + errors.subList(0, Math.min(3, errors.size())));
            }
            int sendFailures = 0;
            target.meter().begin();
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                try {
                    sender.sendMessage("m" + i);
                } catch (Exception e) {
                    sendFailures++;
                }
            }
            long sent = System.nanoTime();
            boolean complete = tally.await(target.timeout());
            target.meter().end();
            return MucFanoutHarness.figures(tally, complete, start, sent, sendFailures, occupants, messages);
        } finally {
            List<XMPPBOSHConnection> open = new ArrayList<>();
            for (int i = 0; i < occupants; i++) {
                if (connections.get(i) != null) {
                    open.add(connections.get(i));
                }
            }
            SmackContender.runAll(target, open.size(), i -> open.get(i - 1).disconnect());
        }
    }
}
