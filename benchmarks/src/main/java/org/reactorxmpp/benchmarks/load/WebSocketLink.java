package org.reactorxmpp.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client for RFC 7395: the upgrade with subprotocol {@code xmpp}, one masked
 * text frame per element (several frames per write), unmasked frames from the server reassembled
 * into messages, pings answered, a close frame ends the read. No library, no extensions.
 */
final class WebSocketLink extends SocketLink {

    private static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

    private final URI url;
    private OutputStream out = OutputStream.nullOutputStream();
    private DataInputStream in = new DataInputStream(java.io.InputStream.nullInputStream());

    WebSocketLink(URI url) {
        this.url = url;
    }

    @Override
    public void connect() throws IOException {
        Socket socket = open(url.getHost(), url.getPort());
        out = socket.getOutputStream();
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65_536));
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: xmpp\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("WebSocket upgrade at " + url + " refused: " + head);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection during the upgrade");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public String streamHeader(String domain) {
        return "<open xmlns='" + FRAMING + "' to='" + domain + "' version='1.0'/>";
    }

    @Override
    public String streamClose() {
        return "<close xmlns='" + FRAMING + "'/>";
    }

    @Override
    public void write(List<String> elements) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (String element : elements) {
            frame(frames, 0x1, element.getBytes(StandardCharsets.UTF_8));
        }
        synchronized (this) {
            out.write(frames.toByteArray());
            out.flush();
        }
    }

    /** Appends one final, masked frame (clients must mask: RFC 6455 section 5.3). */
    private static void frame(ByteArrayOutputStream to, int opcode, byte[] payload) {
        to.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            to.write(0x80 | n);
        } else if (n < 65_536) {
            to.write(0x80 | 126);
            to.write(n >>> 8);
            to.write(n);
        } else {
            to.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                to.write((int) ((long) n >>> shift));
            }
        }
        int key = ThreadLocalRandom.current().nextInt();
        byte[] mask = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
        to.write(mask, 0, 4);
        for (int i = 0; i < n; i++) {
            to.write(payload[i] ^ mask[i & 3]);
        }
    }

    @Override
    public String read() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) {
                mask = new byte[4];
                in.readFully(mask);
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            int opcode = b0 & 0x0F;
            if (opcode == 0x8) {
                throw new IOException("the server closed the WebSocket");
            } else if (opcode == 0x9) {
                ByteArrayOutputStream pong = new ByteArrayOutputStream();
                frame(pong, 0xA, payload);
                synchronized (this) {
                    out.write(pong.toByteArray());
                    out.flush();
                }
            } else if (opcode <= 0x2) {
                message.write(payload, 0, payload.length);
                if ((b0 & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
