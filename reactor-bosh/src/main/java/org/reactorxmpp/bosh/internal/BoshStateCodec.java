package org.reactorxmpp.bosh.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.session.SessionHandoverException;

/**
 * The compact, versioned encoding of a {@link BoshSessionState}: the transport state inside a
 * {@code SessionHandover}. A magic number ({@code "BOSH"}), the format version (1), then the fields in order:
 * sid, next rid, to, lang, requests, hold, wait, inactivity, polling, secure, the unanswered bodies (length-prefixed
 * UTF-8 bytes), the keys, maxpause, accept; an absent duration is {@code -1}, an absent string a {@code false} flag.
 * Not API.
 */
public final class BoshStateCodec {

    private static final int MAGIC = 0x424f5348; // "BOSH"
    private static final int VERSION = 1;
    private static final int MAX_BODIES = 64;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private BoshStateCodec() {
    }

    /** @param state the state @return its encoding */
    public static byte[] encode(BoshSessionState state) {
        List<byte[]> bodies = new ArrayList<>(state.unanswered().size());
        for (String body : state.unanswered()) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return encode(state.sid(), state.nextRid(), state.to(), state.lang(), state.requests(), state.hold(),
            state.waitTime(), state.inactivity(), state.polling(), state.secure(), bodies, state.keys(),
            state.maxpause(), state.accept());
    }

    /** The fields of a {@link BoshSessionState}, with the unanswered bodies as the bytes sent: see there. */
    static byte[] encode(String sid, long nextRid, String to, @Nullable String lang, int requests, int hold,
                         Duration waitTime, @Nullable Duration inactivity, @Nullable Duration polling, boolean secure,
                         List<byte[]> unanswered, List<String> keys, @Nullable Duration maxpause,
                         @Nullable String accept) {
        int size = 96 + sid.length() + to.length() + keys.size() * 42;
        for (byte[] body : unanswered) {
            size += body.length + 4;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(sid);
            out.writeLong(nextRid);
            out.writeUTF(to);
            optional(out, lang);
            out.writeInt(requests);
            out.writeInt(hold);
            out.writeLong(waitTime.toMillis());
            out.writeLong(inactivity == null ? -1 : inactivity.toMillis());
            out.writeLong(polling == null ? -1 : polling.toMillis());
            out.writeBoolean(secure);
            out.writeShort(unanswered.size());
            for (byte[] body : unanswered) {
                out.writeInt(body.length);
                out.write(body);
            }
            out.writeShort(keys.size());
            for (String key : keys) {
                out.writeUTF(key);
            }
            out.writeLong(maxpause == null ? -1 : maxpause.toMillis());
            optional(out, accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes an encoding
     * @return the state
     * @throws SessionHandoverException {@code CORRUPT} or {@code UNKNOWN_VERSION}
     */
    public static BoshSessionState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (bytes.length < 5 || in.readInt() != MAGIC) {
                throw corrupt("not a BOSH session state (bad magic number)", null);
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new SessionHandoverException(SessionHandoverException.Reason.UNKNOWN_VERSION,
                    "BOSH session state format version " + version + " is unknown (this library reads " + VERSION + ")");
            }
            String sid = in.readUTF();
            long nextRid = in.readLong();
            String to = in.readUTF();
            String lang = optional(in);
            int requests = in.readInt();
            int hold = in.readInt();
            Duration wait = Duration.ofMillis(in.readLong());
            Duration inactivity = duration(in.readLong());
            Duration polling = duration(in.readLong());
            boolean secure = in.readBoolean();
            int count = in.readUnsignedShort();
            if (count > MAX_BODIES) {
                throw corrupt("BOSH session state with " + count + " unanswered requests", null);
            }
            List<String> unanswered = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > MAX_BODY || length > bytes.length) {
                    throw corrupt("BOSH request body of impossible length " + length, null);
                }
                byte[] body = new byte[length];
                in.readFully(body);
                unanswered.add(new String(body, StandardCharsets.UTF_8));
            }
            int keyCount = in.readUnsignedShort();
            List<String> keys = new ArrayList<>(Math.min(keyCount, 1024));
            for (int i = 0; i < keyCount; i++) {
                keys.add(in.readUTF());
            }
            Duration maxpause = duration(in.readLong());
            String accept = optional(in);
            if (in.available() > 0) {
                throw corrupt(in.available() + " bytes after the end of the BOSH session state", null);
            }
            return new BoshSessionState(sid, nextRid, to, lang, requests, hold, wait, inactivity, polling, secure,
                unanswered, keys, maxpause, accept);
        } catch (SessionHandoverException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt("BOSH session state is damaged: " + e, e);
        }
    }

    private static void optional(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static @Nullable String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static @Nullable Duration duration(long millis) {
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    private static SessionHandoverException corrupt(String message, @Nullable Throwable cause) {
        return new SessionHandoverException(SessionHandoverException.Reason.CORRUPT, message, cause);
    }
}
