package org.reactorxmpp.samples.portal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.testing.ProsodyServer;

/**
 * Runs the support portal: starts a throw-away Prosody on free loopback ports with the agents
 * {@value #AGENTS_TEXT} (password {@value #AGENT_PASSWORD}) and the dispatcher account, then serves the
 * visitor page on {@code http://127.0.0.1:PORT/} and the agent console on {@code /agent} until Ctrl-C.
 *
 * <p>{@code ./mvnw -B -q -Pdemo -DskipTests package -Ddemo.main=org.reactorxmpp.samples.portal.PortalMain}
 * (port 8080; {@code PORTAL_PORT=9090} in the environment for another).
 */
public final class PortalMain {

    /** The agents' accounts. */
    public static final List<String> AGENTS = List.of("alice", "bob", "carol");
    /** The agents' password (a sample: the console signs in with it over SCRAM). */
    public static final String AGENT_PASSWORD = "support";

    private static final String AGENTS_TEXT = "alice, bob and carol";
    private static final String PORTAL_PASSWORD = "dispatcher-secret";

    private PortalMain() {
    }

    /** A running portal with its own Prosody; {@link #close()} stops both. */
    public static final class Running implements AutoCloseable {
        private final ProsodyServer prosody;
        private final Portal portal;

        private Running(ProsodyServer prosody, Portal portal) {
            this.prosody = prosody;
            this.portal = portal;
        }

        /** @return the visitor page's URL (the agent console is {@code url() + "agent"}) */
        public String url() {
            return portal.url();
        }

        /** @return the XMPP server */
        public ProsodyServer prosody() {
            return prosody;
        }

        @Override
        public void close() {
            portal.stop();
            prosody.close();
        }
    }

    /**
     * Starts Prosody and the portal (blocks the calling thread until both are up: call it from a main
     * thread or a test, never from an event loop).
     *
     * @param port the HTTP port, 0 for any free one
     * @return the running portal
     */
    public static Running start(int port) {
        ProsodyServer.Builder builder = ProsodyServer.builder().user("portal", PORTAL_PASSWORD);
        AGENTS.forEach(agent -> builder.user(agent, AGENT_PASSWORD));
        ProsodyServer prosody = builder.build();
        prosody.start();
        try {
            Xmpp xmpp = new Xmpp(prosody.host(), prosody.mucHost(), prosody.boshUrl());
            List<BareJid> agents = AGENTS.stream().map(xmpp::jid).toList();
            Portal portal = Portal.start(xmpp, new Guests(prosody::createUser), PORTAL_PASSWORD, agents, port)
                .block(Duration.ofSeconds(30));
            return new Running(prosody, java.util.Objects.requireNonNull(portal));
        } catch (RuntimeException e) {
            prosody.close();
            throw e;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String setting = System.getenv("PORTAL_PORT");
        int port = setting == null || setting.isBlank() ? 8080 : Integer.parseInt(setting.strip());
        Running running = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            System.out.println("portal and Prosody stopped");
            stopped.countDown();
        }));
        System.out.println("Prosody at " + running.prosody().boshUrl());
        System.out.println("visitor page:  " + running.url());
        System.out.println("agent console: " + running.url() + "agent   (" + AGENTS_TEXT + ", password " + AGENT_PASSWORD + ")");
        System.out.println("Ctrl-C stops it");
        stopped.await();
    }
}
