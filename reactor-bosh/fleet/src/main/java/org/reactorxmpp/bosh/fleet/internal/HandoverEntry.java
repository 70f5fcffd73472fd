package org.reactorxmpp.bosh.fleet.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;

import org.reactorxmpp.bosh.fleet.FleetException;

/**
 * The fleet map's value for one account: which member wrote it, whether it is a live session's checkpoint, a
 * finished handoff or the mark of a session that ended, and the session's serialized state. Stored as plain bytes
 * (no Hazelcast serializer to register on the members). Immutable.
 *
 * @param kind what the entry is
 * @param owner the member that wrote it
 * @param state the serialized session state (empty for {@link Kind#ENDED})
 */
record HandoverEntry(Kind kind, UUID owner, byte[] state) {

    private static final byte VERSION = 1;

    /** What an entry is. */
    enum Kind {
        /** The latest state of a session its owner still runs. */
        CHECKPOINT,
        /** The state of a session its owner detached for the partition's next owner. */
        DETACHED,
        /** The session ended (or could not be detached): the next owner logs in. */
        ENDED,
        /**
         * A member is logging in an account that had no session in the fleet: written with a compare-and-set before
         * it starts, so that two members never start the same account.
         */
        CLAIMED,
        /**
         * A member is starting the session of an account that had one (attaching from {@code state}, or logging in
         * again when {@code state} is empty): written with a compare-and-set like {@link #CLAIMED}, and keeping the
         * state it starts from, so that when this member dies before its first checkpoint the next owner still
         * resumes the session from that state (or logs in again and reports it) instead of taking it for new.
         */
        RECLAIMED
    }

    HandoverEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
    }

    static HandoverEntry checkpoint(UUID owner, byte[] state) {
        return new HandoverEntry(Kind.CHECKPOINT, owner, state);
    }

    static HandoverEntry detached(UUID owner, byte[] state) {
        return new HandoverEntry(Kind.DETACHED, owner, state);
    }

    static HandoverEntry ended(UUID owner) {
        return new HandoverEntry(Kind.ENDED, owner, new byte[0]);
    }

    static HandoverEntry claimed(UUID owner) {
        return new HandoverEntry(Kind.CLAIMED, owner, new byte[0]);
    }

    /** @param state what the claiming member resumes from; empty when it logs in again */
    static HandoverEntry reclaimed(UUID owner, byte[] state) {
        return new HandoverEntry(Kind.RECLAIMED, owner, state);
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + 1 + 16 + 4 + state.length);
        out.put(VERSION).put((byte) kind.ordinal())
            .putLong(owner.getMostSignificantBits()).putLong(owner.getLeastSignificantBits())
            .putInt(state.length).put(state);
        return out.array();
    }

    static HandoverEntry decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new FleetException("fleet map entry of unknown version " + version);
            }
            int kind = in.get();
            if (kind < 0 || kind >= Kind.values().length) {
                throw new FleetException("fleet map entry of unknown kind " + kind);
            }
            UUID owner = new UUID(in.getLong(), in.getLong());
            byte[] state = new byte[in.getInt()];
            in.get(state);
            return new HandoverEntry(Kind.values()[kind], owner, state);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new FleetException("truncated fleet map entry (" + bytes.length + " bytes)", e);
        }
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        return o instanceof HandoverEntry e && e.kind == kind && e.owner.equals(owner)
            && java.util.Arrays.equals(e.state, state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, owner) * 31 + java.util.Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "HandoverEntry[" + kind + " by " + owner + ", " + state.length + " bytes]";
    }
}
