package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.net.Socket;

/** What the raw links share: one blocking loopback socket, Nagle off, closed once. */
abstract class SocketLink implements StreamLink {

    private Socket socket = new Socket();

    /** @return a new connected socket to {@code host:port}, kept for {@link #close()} */
    protected final Socket open(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(130_000);
        return socket;
    }

    @Override
    public final void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
