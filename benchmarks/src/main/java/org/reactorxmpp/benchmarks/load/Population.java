package org.reactorxmpp.benchmarks.load;

import java.util.List;

/**
 * N logged-in sessions of one library in this JVM, for the fan-out and soak scenarios. In echo
 * mode every session answers each chat message with the same body to its sender and reports the
 * body to the {@link Listener} first; otherwise the sessions stay idle (only the transport's
 * keep-alives run).
 */
interface Population extends AutoCloseable {

    /** Called on whatever thread the library delivers on, for each chat message a session receives. */
    interface Listener {
        void delivered(String body);
    }

    /** @return the full JIDs of the sessions that logged in */
    List<String> jids();

    /** @return sessions that failed to log in */
    int loginFailures();

    /** @return sessions that ended without being asked to (errors or closes from the server) */
    int drops();

    /** @return answers that could not be sent */
    int replyFailures();

    /** @return the first few errors seen */
    List<String> firstErrors();

    /**
     * Pings the server from every session.
     *
     * @return how many pings failed
     */
    int pingAll();

    /** Closes every session; what fails is counted in {@link #firstErrors()}. */
    @Override
    void close();
}
