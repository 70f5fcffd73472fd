package org.reactorxmpp.im.muc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.collect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.ProsodyServer;
import org.reactorxmpp.xmpp.testing.TestAccount;
import reactor.core.Disposable;

/**
 * XEP-0410 self-ping against Prosody dropping an occupant silently: Prosody's admin shell (a server of this
 * class's own, with {@code mod_admin_shell}) removes bob from the room's state without telling anyone, as a
 * restarted MUC component or a lost presence would. The room then answers bob's self-ping with
 * {@code not-acceptable}, and the periodic self-ping enters the room again. ejabberd offers no command that
 * drops an occupant silently, so this runs on Prosody only (the scripted test covers the decisions).
 */
class MucSelfPingProsodyIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().configure(b -> b.module("admin_shell")).build();

    private MucTesting t;

    @BeforeEach
    void setUp() {
        t = new MucTesting(prosody.server());
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aSilentlyDroppedOccupantIsFoundBySelfPingAndEntersAgain() throws Exception {
        ProsodyServer server = prosody.server();
        List<TestAccount> accounts = server.newAccounts("selfping", 2);
        XmppSession alice = t.connect(accounts.get(0), "a");
        XmppSession bob = t.connect(accounts.get(1), "b");
        BareJid jid = t.newRoom("silent");
        Room a = Muc.of(alice).createInstant(jid, "alice").block(TIMEOUT);
        Room b = Muc.of(bob).join(jid, "bob").block(TIMEOUT);
        assertThat(b.selfPing().block(TIMEOUT)).isTrue();

        String dropped = shell(server, "local r = prosody.hosts['" + server.mucHost() + "'].modules.muc.get_room_from_jid('" + jid
            + "'); local id = '" + jid + "/bob'; local o = r:get_occupant_by_nick(id);"
            + " for j in o:each_session() do r._jid_nick[j] = nil end; r._occupants[id] = nil; return 'dropped'");
        assertThat(dropped).contains("dropped");
        assertThat(b.joined()).as("nothing told bob").isTrue();
        assertThat(b.selfPing().block(TIMEOUT)).as("the room no longer has bob").isFalse();

        var bobBack = expect(b.occupantEvents(), e -> e.self() && e.kind() == OccupantEvent.Kind.CHANGED);
        var atBob = collect(b.messages().map(m -> m.body().orElse("")), body -> body.equals("still there?"));
        Disposable pinging = Muc.of(bob).selfPing(Duration.ofMillis(500));
        try {
            bobBack.get();
            assertThat(b.joined()).isTrue();
            assertThat(b.selfPing().block(TIMEOUT)).isTrue();
            assertThat(Muc.of(bob).room(jid)).containsSame(b);
            a.send("still there?").block(TIMEOUT);
            assertThat(atBob.get()).containsExactly("still there?");
        } finally {
            pinging.dispose();
        }
    }

    /** Runs one Lua chunk in Prosody's admin shell; returns what the shell printed. */
    private static String shell(ProsodyServer server, String lua) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("prosodyctl", "--config", server.directory().resolve("prosody.cfg.lua").toString(),
            "shell", ">" + lua).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("prosodyctl shell did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("prosodyctl shell: %s", out).isZero();
        return out;
    }
}
