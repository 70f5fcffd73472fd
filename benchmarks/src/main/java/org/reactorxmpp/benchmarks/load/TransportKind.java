package org.reactorxmpp.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * The wire a harness run uses between the clients and Prosody: BOSH over HTTP (the default and the
 * mission's transport), the RFC 6120 stream over TCP on the c2s port, or RFC 7395 WebSocket on the
 * HTTP port. All plain text on loopback (the load server has no TLS), for every contender alike.
 */
enum TransportKind {
    BOSH, TCP, WS;

    /** @return the name on the command line and in the JSON: {@code bosh}, {@code tcp} or {@code ws} */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TransportKind parse(String value) {
        return Arrays.stream(values()).filter(t -> t.label().equals(value)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("--transport must be bosh, tcp or ws, not " + value));
    }
}
