package org.reactorxmpp.xmpp.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

/**
 * Everything another owner (another {@link XmppClient}, typically in another process) needs to go on with a live
 * XMPP session without logging in again: the full JID it is bound to, the stream features it was bound with, and
 * the transport's own state (for BOSH: the session id, the next request id, the requests in flight with their exact
 * bytes, the key-sequence keys). Immutable. Produced by {@link XmppSession#detach()} (graceful handover) and
 * {@link XmppSession#checkpoints()} (crash takeover); consumed by {@link XmppClient#attach(SessionHandover)}.
 *
 * <p>Stream management (XEP-0198) is not part of a handover: a session with stream management enabled cannot be
 * detached ({@link SessionHandoverException.Reason#STREAM_MANAGEMENT}); hand over sessions of clients built without
 * it. The BOSH layer itself resends the requests in flight, so nothing is lost at the handover.
 *
 * <p><b>A credential.</b> Whoever holds the bytes can act as the account until the session ends: store and send
 * them like a password. {@link #toString()} shows neither the transport state nor its keys.
 *
 * <pre>{@code
 * byte[] stored = session.detach().block().toBytes();                 // process A, e.g. on shutdown
 * XmppSession again = client.attach(SessionHandover.fromBytes(stored)) // process B: no SASL, no bind
 *     .block();
 * }</pre>
 *
 * <p>The encoding ({@link #toBytes()}) is compact and versioned: a magic number, a format version (now 1), the JID,
 * the transport name, the features' XML and the transport's state. {@link #fromBytes(byte[])} refuses a damaged
 * array or an unknown version with a {@link SessionHandoverException}.
 */
public final class SessionHandover {

    private static final int MAGIC = 0x52584853; // "RXHS"
    private static final int VERSION = 1;
    private static final int MAX_PART = 16 * 1024 * 1024;

    private final FullJid jid;
    private final String transport;
    private final StreamFeatures features;
    private final byte[] transportState;

    private SessionHandover(FullJid jid, String transport, StreamFeatures features, byte[] transportState) {
        this.jid = Objects.requireNonNull(jid, "jid");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.features = Objects.requireNonNull(features, "features");
        this.transportState = Objects.requireNonNull(transportState, "transportState").clone();
        if (transport.isBlank()) {
            throw new IllegalArgumentException("transport name must not be blank");
        }
    }

    /**
     * @param jid the full JID the session is bound to
     * @param transport the transport's name, for example {@code BOSH}
     * @param features the stream features the session was bound with
     * @param transportState the transport's opaque state (copied)
     * @return the handover
     */
    public static SessionHandover of(FullJid jid, String transport, StreamFeatures features, byte[] transportState) {
        return new SessionHandover(jid, transport, features, transportState);
    }

    /** @return the full JID the session is bound to: the attached session has the same one */
    public FullJid jid() {
        return jid;
    }

    /** @return the name of the transport the state is for, for example {@code BOSH} */
    public String transport() {
        return transport;
    }

    /** @return the stream features the session was bound with (what {@link XmppSession#features()} returns) */
    public StreamFeatures features() {
        return features;
    }

    /** @return a copy of the transport's opaque state, for {@link org.reactorxmpp.xmpp.transport.Transport#attach} */
    public byte[] transportState() {
        return transportState.clone();
    }

    /**
     * @return the compact, versioned encoding, for {@link #fromBytes(byte[])}; a credential
     */
    public byte[] toBytes() {
        byte[] featureBytes = XmlWriter.toBytes(features.element());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + featureBytes.length + transportState.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(jid.toString());
            out.writeUTF(transport);
            out.writeInt(featureBytes.length);
            out.write(featureBytes);
            out.writeInt(transportState.length);
            out.write(transportState);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes {@link #toBytes()}.
     *
     * @param bytes the encoding
     * @return the handover
     * @throws SessionHandoverException {@link SessionHandoverException.Reason#CORRUPT} when the bytes are not a
     *     complete handover, {@link SessionHandoverException.Reason#UNKNOWN_VERSION} when their format version is
     *     not one this library reads
     */
    public static SessionHandover fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 5 || in.readInt() != MAGIC) {
                throw corrupt("not a session handover (bad magic number)", null);
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new SessionHandoverException(SessionHandoverException.Reason.UNKNOWN_VERSION,
                    "session handover format version " + version + " is unknown (this library reads " + VERSION + ")");
            }
            FullJid jid = FullJid.parse(in.readUTF());
            String transport = in.readUTF();
            byte[] featureBytes = part(in, bytes.length);
            byte[] state = part(in, bytes.length);
            if (in.available() > 0) {
                throw corrupt(in.available() + " bytes after the end of the session handover", null);
            }
            StreamFeatures features = StreamFeatures.from(XmlReader.create().read(featureBytes));
            return new SessionHandover(jid, transport, features, state);
        } catch (SessionHandoverException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt("session handover is damaged: " + e, e);
        }
    }

    private static byte[] part(DataInputStream in, int total) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART || length > total) {
            throw corrupt("session handover part of impossible length " + length, null);
        }
        byte[] part = new byte[length];
        in.readFully(part);
        return part;
    }

    private static SessionHandoverException corrupt(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        return new SessionHandoverException(SessionHandoverException.Reason.CORRUPT, message, cause);
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SessionHandover)) {
            return false;
        }
        SessionHandover other = (SessionHandover) o;
        return jid.equals(other.jid) && transport.equals(other.transport)
            && XmlWriter.toString(features.element()).equals(XmlWriter.toString(other.features.element())) && Arrays.equals(transportState, other.transportState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jid, transport, Arrays.hashCode(transportState));
    }

    /** @return the JID and the transport; the transport state (a credential) is redacted */
    @Override
    public String toString() {
        return "SessionHandover[jid=" + jid + ", transport=" + transport + ", state=<redacted, "
            + transportState.length + " bytes>]";
    }
}
