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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback for fault injection, transport-agnostic (BOSH and WebSocket over HTTP, plain TCP
 * XMPP): it passes bytes both ways on plain threads until told to {@link #cut()} every connection (the
 * client sees its sockets reset; a TCP or WebSocket stream is gone at once, a BOSH session survives on its
 * retries) or to start an {@link #outage()} (responses stop, every connection closes and new ones are refused
 * until {@link #restore()}: a BOSH transport gives up after its retries, so its session is lost too), or to
 * {@link #cutClientSide(Duration)} (the client's side is reset, the server reads to the end of what it was sent).
 * Plain TCP XMPP through it is scanned into a {@link WireLog} ({@link #wire()}): the {@code h} values both ways.
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
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final WireLog wire = new WireLog();
    private final AtomicInteger drainTimeouts = new AtomicInteger();
    private volatile java.time.Duration drainBound = java.time.Duration.ZERO;
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

    /** @return what was seen on the wire (plain XMPP over TCP) */
    public WireLog wire() {
        return wire;
    }

    /** @return how many times a new connection waited the whole bound for the server to end an old one */
    public int drainTimeouts() {
        return drainTimeouts.get();
    }

    /** One proxied connection: the client's socket, the server's, and how a cut ends the server's side. */
    private static final class Pair {
        final int index;
        final Socket client;
        final Socket upstream;
        /** Set by {@link #cutClientSide}: the server's side ends in order and is read to its end. */
        volatile boolean orderly;
        /** Written to the server after the client's last bytes, before the orderly end ({@link #cutClientSide}). */
        volatile byte[] trailer = new byte[0];
        /** Held while writing to the server: the pump's chunks and injected bytes do not interleave. */
        final Object serverWrites = new Object();
        final CountDownLatch serverDone = new CountDownLatch(1);

        Pair(int index, Socket client, Socket upstream) {
            this.index = index;
            this.client = client;
            this.upstream = upstream;
        }
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
                int index = accepted.incrementAndGet();
                awaitOrderlyEnds();
                Socket upstream = new Socket(InetAddress.getByName(targetHost), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Pair pair = new Pair(index, client, upstream);
                pairs.add(pair);
                pump(pair, false);
                pump(pair, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * A new connection is passed on only once the server ended the connections {@link #cutClientSide} cut (it has
     * read what they carried), or after the bound: then the old ones are reset and the wait is counted.
     */
    private void awaitOrderlyEnds() throws IOException {
        long deadline = System.nanoTime() + drainBound.toNanos();
        for (Pair p : pairs) {
            if (!p.orderly) {
                continue;
            }
            try {
                if (!p.serverDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    drainTimeouts.incrementAndGet();
                    closeQuietly(p.upstream);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            pairs.remove(p);
        }
    }

    private void pump(Pair pair, boolean toClient) {
        Socket from = toClient ? pair.upstream : pair.client;
        Socket to = toClient ? pair.client : pair.upstream;
        WireLog.Direction direction = toClient ? WireLog.Direction.TO_CLIENT : WireLog.Direction.TO_SERVER;
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            boolean discard = false;
            boolean serverEnded = false;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (discard || (toClient && blackhole)) {
                        continue;
                    }
                    try {
                        // what goes to the server may be interleaved with injected bytes: whole chunks only
                        synchronized (toClient ? buffer : pair.serverWrites) {
                            out.write(buffer, 0, n);
                            out.flush();
                            wire.scan(pair.index, direction, buffer, n);
                        }
                    } catch (IOException e) {
                        if (!(toClient && pair.orderly)) {
                            throw e;
                        }
                        discard = true; // the client is gone: read the server's side to its end
                    }
                }
                serverEnded = toClient && !discard && !blackhole;
            } catch (IOException e) {
                // closed
            } finally {
                if (pair.orderly && !toClient) {
                    // the client's side was cut: the server gets an orderly end after all it was sent
                    write(pair, pair.trailer);
                    shutdownOutputQuietly(pair.upstream);
                } else if (serverEnded) {
                    // the server ended its side in order (e.g. after a stream error): the client gets everything it
                    // sent, then an orderly end, as through any working middlebox; a reset here could overtake the
                    // last bytes (a reset discards what the client has not read yet). The client's own close ends
                    // the other pump, which closes both sockets
                    shutdownOutputQuietly(to);
                    pair.serverDone.countDown();
                } else {
                    closeQuietly(from);
                    closeQuietly(to);
                    if (toClient) {
                        pair.serverDone.countDown();
                    }
                }
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Writes to the server's side of {@code pair} between two of the client's chunks; logged on the wire. */
    private void write(Pair pair, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (pair.serverWrites) {
            try {
                OutputStream out = pair.upstream.getOutputStream();
                out.write(bytes);
                out.flush();
                wire.scan(pair.index, WireLog.Direction.TO_SERVER, bytes, bytes.length);
            } catch (IOException e) {
                // the server's side is gone
            }
        }
    }

    /**
     * Writes bytes to the server on the newest live connection, between two chunks the client wrote (for example
     * the rest of an element the server's parser holds the beginning of).
     *
     * @param bytes what to write
     * @throws IllegalStateException if no connection is live
     */
    public void injectToServer(byte[] bytes) {
        Pair newest = null;
        for (Pair p : pairs) {
            if (!p.orderly && (newest == null || p.index > newest.index)) {
                newest = p;
            }
        }
        if (newest == null) {
            throw new IllegalStateException("no live connection to write to");
        }
        write(newest, bytes);
    }

    private static void shutdownOutputQuietly(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Closes (resets) both sides of every connection now; new connections are accepted as before. */
    public void cut() {
        cuts.incrementAndGet();
        closeAll();
    }

    /**
     * Resets the client's side of every connection now (the client sees its connection lost at once), while the
     * server's side gets an orderly end right after the bytes already passed on: the server reads everything it
     * was sent before it learns that the client is gone, as when a client's socket closes. A new connection is
     * passed on to the server only once the server has ended the old one (it has handled all it read), waiting
     * at most {@code bound}; {@link #drainTimeouts()} counts the waits that reached it.
     *
     * @param bound the longest wait of a new connection for the server to end the old ones
     */
    public void cutClientSide(java.time.Duration bound) {
        cutClientSide(bound, new byte[0]);
    }

    /**
     * Like {@link #cutClientSide(java.time.Duration)}, and the server's side gets {@code trailer} after everything
     * the client wrote, before its orderly end: as if the cut interrupted an element the client was writing when
     * {@code trailer} is its beginning.
     *
     * @param bound the longest wait of a new connection for the server to end the old ones
     * @param trailer the last bytes the server reads on the cut connections
     */
    public void cutClientSide(java.time.Duration bound, byte[] trailer) {
        cuts.incrementAndGet();
        drainBound = bound;
        for (Pair p : pairs) {
            if (!p.orderly) {
                p.trailer = trailer.clone();
                p.orderly = true;
                sockets.remove(p.client);
                sockets.remove(p.upstream);
                closeQuietly(p.client);
            }
        }
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
        for (Pair p : pairs) {
            if (!p.orderly) {
                pairs.remove(p);
            }
        }
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
        for (Pair p : pairs) {
            closeQuietly(p.upstream);
        }
        pairs.clear();
    }
}
