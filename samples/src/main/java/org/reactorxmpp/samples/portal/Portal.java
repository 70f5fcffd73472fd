package org.reactorxmpp.samples.portal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import org.reactorxmpp.xmpp.jid.BareJid;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The support portal: the dispatcher, the guest accounts, and the web server with its two pages and their
 * WebSockets ({@code /ws/visitor}, {@code /ws/agent}). All of it runs on Reactor Netty's event loops;
 * the only blocking work (creating guest accounts) runs on {@code boundedElastic}.
 *
 * <pre>{@code
 * Portal.start(xmpp, guests, "portal-password", agents, 8080)
 *     .subscribe(portal -> System.out.println("visitors: " + portal.url()));
 * }</pre>
 */
final class Portal {

    private final Xmpp xmpp;
    private final Guests guests;
    private final Dispatcher dispatcher;
    private volatile DisposableServer server;

    private Portal(Xmpp xmpp, Guests guests, Dispatcher dispatcher) {
        this.xmpp = xmpp;
        this.guests = guests;
        this.dispatcher = dispatcher;
    }

    /**
     * @param xmpp the XMPP server
     * @param guests the guest accounts
     * @param portalPassword the password of the {@code portal} account (the dispatcher)
     * @param agents the agents the dispatcher follows
     * @param port the HTTP port (0 for any free one)
     * @return the running portal
     */
    static Mono<Portal> start(Xmpp xmpp, Guests guests, String portalPassword, List<BareJid> agents, int port) {
        Pages pages = Pages.load();
        return Dispatcher.start(xmpp, portalPassword, agents).flatMap(dispatcher -> {
            Portal portal = new Portal(xmpp, guests, dispatcher);
            return HttpServer.create()
                .bindAddress(() -> new InetSocketAddress("127.0.0.1", port))
                .route(routes -> pages.serve(routes)
                    .ws("/ws/visitor", (in, out) -> {
                        Channel channel = new Channel();
                        VisitorLine line = new VisitorLine(portal, channel);
                        return WebSockets.relay(in, out, channel, line::on, line::close);
                    })
                    .ws("/ws/agent", (in, out) -> {
                        Channel channel = new Channel();
                        AgentDesk desk = new AgentDesk(portal, channel);
                        return WebSockets.relay(in, out, channel, desk::on, desk::close);
                    }))
                .bind()
                .doOnNext(s -> portal.server = s)
                .thenReturn(portal);
        });
    }

    Xmpp xmpp() {
        return xmpp;
    }

    Guests guests() {
        return guests;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** @return the visitor page's URL */
    String url() {
        return "http://127.0.0.1:" + Objects.requireNonNull(server).port() + "/";
    }

    /** Stops the web server (the browsers' sockets close, which signs the agents out). */
    void stop() {
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow();
        }
    }
}
