package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A plain RFC 6120 stream on a TCP socket (Nagle off): text in, text out, no parser. */
final class TcpLink extends SocketLink {

    private final String host;
    private final int port;
    private final char[] buffer = new char[65_536];
    private OutputStream out = OutputStream.nullOutputStream();
    private Reader in = Reader.nullReader();

    TcpLink(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void connect() throws IOException {
        Socket socket = open(host, port);
        out = socket.getOutputStream();
        in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8);
    }

    @Override
    public String streamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xml:lang='en'"
            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    @Override
    public String streamClose() {
        return "</stream:stream>";
    }

    @Override
    public void write(List<String> elements) throws IOException {
        out.write(String.join("", elements).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public String read() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        return new String(buffer, 0, n);
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port;
    }
}
