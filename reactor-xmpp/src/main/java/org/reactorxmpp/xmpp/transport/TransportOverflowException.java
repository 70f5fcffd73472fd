package org.reactorxmpp.xmpp.transport;

/**
 * A bounded queue of a connection is full: outbound (the application sends faster than the transport
 * writes; the {@code send} fails, the connection stays open) or inbound (a subscriber of
 * {@link TransportConnection#inbound()} consumes slower than the server sends; the connection fails,
 * because dropping elements silently is never an option).
 */
public final class TransportOverflowException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** Which queue overflowed. */
    public enum Direction {
        /** Elements waiting to be sent. */
        OUTBOUND,
        /** Elements waiting for a subscriber. */
        INBOUND
    }

    private final Direction direction;
    private final int capacity;

    /**
     * @param direction which queue overflowed
     * @param capacity its capacity, in elements
     */
    public TransportOverflowException(Direction direction, int capacity) {
        super((direction == Direction.OUTBOUND ? "outbound queue full" : "inbound buffer overflow: subscriber too slow")
            + " (capacity " + capacity + " elements)", direction == Direction.OUTBOUND);
        this.direction = direction;
        this.capacity = capacity;
    }

    /** @return which queue overflowed */
    public Direction direction() {
        return direction;
    }

    /** @return the capacity of that queue, in elements */
    public int capacity() {
        return capacity;
    }
}
