package org.reactorxmpp.benchmarks.load;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how a contender runs: the server's endpoints and domain, the transport of the run, the
 * password of every account, how many logins may be in flight at once, how long the sessions are
 * held, and the overall time limit of one mode.
 *
 * @param boshUrl the BOSH endpoint, {@code http://ADDRESS:PORT/http-bind}
 * @param domain the XMPP domain
 * @param password the password of every account
 * @param concurrency logins in flight at once
 * @param hold how long logged-in sessions are held before they ping and close
 * @param warmup rounds before the measured ones (rtt)
 * @param timeout the limit for one mode of one contender
 * @param meter measures the phase the contender marks as measured
 * @param transport the wire of this run (rtt, flood and login; the other modes are BOSH only)
 * @param c2sPort the server's plain c2s port on the BOSH URL's address (TCP), 0 when unknown
 * @param websocketUrl {@code ws://ADDRESS:PORT/xmpp-websocket}
 */
record Target(URI boshUrl, String domain, String password, int concurrency, Duration hold, int warmup,
              Duration timeout, Meter meter, TransportKind transport, int c2sPort, URI websocketUrl) {

    /** A BOSH target (the scenarios that run over BOSH only). */
    Target(URI boshUrl, String domain, String password, int concurrency, Duration hold, int warmup,
           Duration timeout, Meter meter) {
        this(boshUrl, domain, password, concurrency, hold, warmup, timeout, meter, TransportKind.BOSH, 0,
            URI.create("ws://" + boshUrl.getHost() + ":" + boshUrl.getPort() + "/xmpp-websocket"));
    }

    /** @return the server's address (the host of its endpoints) */
    String address() {
        return boshUrl.getHost();
    }

    /** @return this target with another meter */
    Target withMeter(Meter newMeter) {
        return new Target(boshUrl, domain, password, concurrency, hold, warmup, timeout, newMeter, transport, c2sPort,
            websocketUrl);
    }

    /** @return this target with another concurrency and a meter of its own (for warm-ups and sweeps) */
    Target with(int newConcurrency, Duration newHold, int newWarmup) {
        return new Target(boshUrl, domain, password, newConcurrency, newHold, newWarmup, timeout, new Meter(-1),
            transport, c2sPort, websocketUrl);
    }
}
