package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback for fault injection, transport-agnostic (BOSH and WebSocket over HTTP, plain TCP
 * XMPP): it passes bytes both ways on plain threads until told to {@link #cut()} every connection (the
 * client sees its sockets reset; a TCP or WebSocket stream is gone at once, a BOSH session survives on its
 * retries) or to start an {@link #outage()} (responses stop, every connection closes and new ones are refused
 * until {@link #restore()}: a BOSH transport gives up after its retries, so its session is lost too).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server.address(), server.httpPort())) {
 *     URI viaProxy = proxy.rewrite(server.boshUrl());
 *     ... connect through viaProxy, then: proxy.cut();  or  proxy.outage(); ...; proxy.restore();
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    private final String targetHost;
    private final int target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listening;
    private volatile boolean blackhole;

    private FaultProxy(String targetHost, int target) throws IOException {
        this.targetHost = targetHost;
        this.target = target;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
    }

    /**
     * @param host the server's loopback address
     * @param port the server's port
     * @return a proxy listening on a free loopback port
     */
    public static FaultProxy to(String host, int port) throws IOException {
        return new FaultProxy(host, port);
    }

    /** @return the port the proxy listens on */
    public int port() {
        return port;
    }

    /** @return {@code url} with host and port replaced by the proxy's */
    public URI rewrite(URI url) {
        return URI.create(url.getScheme() + "://127.0.0.1:" + port + url.getRawPath());
    }

    /** @return how many cuts and outages so far */
    public int cuts() {
        return cuts.get();
    }

    /** @return how many client connections were accepted */
    public int accepted() {
        return accepted.get();
    }

    private ServerSocket listen(int on) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 50);
        Thread t = new Thread(() -> accept(s), "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                accepted.incrementAndGet();
                Socket upstream = new Socket(InetAddress.getByName(targetHost), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toClient) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!(toClient && blackhole)) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes every connection now; new connections are accepted as before. */
    public void cut() {
        cuts.incrementAndGet();
        closeAll();
    }

    /**
     * Stops passing responses and refuses new connections at once, then closes every connection; new ones
     * are refused until {@link #restore()}.
     */
    public void outage() throws IOException, InterruptedException {
        outage(java.time.Duration.ZERO);
    }

    /**
     * Like {@link #outage()}, but passes on for {@code drain} what the client already wrote before closing the
     * connections (the requests in flight reach the server, their answers are lost).
     */
    public void outage(java.time.Duration drain) throws IOException, InterruptedException {
        cuts.incrementAndGet();
        blackhole = true;
        listening.close();
        if (!drain.isZero()) {
            Thread.sleep(drain.toMillis());
        }
        closeAll();
        blackhole = false;
    }

    /** Accepts connections again, on the same port. */
    public void restore() throws IOException {
        listening = listen(port);
    }

    private void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0); // a reset, as a dead middlebox gives
        } catch (IOException e) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        closeAll();
    }
}
