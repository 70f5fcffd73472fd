package org.reactorxmpp.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to a BOSH endpoint, no library: writes a POST, reads one
 * {@code Content-Length} response. Blocking; used by the HTTP floor and the raw BOSH client, on
 * their own threads.
 */
final class HttpExchange implements AutoCloseable {

    private final URI url;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    HttpExchange(URI url) throws IOException {
        this.url = url;
        this.socket = new Socket(url.getHost(), url.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(130_000);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 65_536);
    }

    String post(String body) throws IOException {
        write(body);
        return read();
    }

    void write(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
            + "\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        out.write(all);
        out.flush();
    }

    String read() throws IOException {
        int length = -1;
        String line;
        boolean status = true;
        while (!(line = readLine()).isEmpty()) {
            if (status) {
                if (!line.startsWith("HTTP/1.1 200")) {
                    throw new IOException("unexpected status: " + line);
                }
                status = false;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // best effort
        }
    }
}
