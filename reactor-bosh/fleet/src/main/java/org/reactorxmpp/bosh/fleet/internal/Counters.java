package org.reactorxmpp.bosh.fleet.internal;

import java.util.concurrent.atomic.LongAdder;

import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.bosh.fleet.MemberMetrics;

/** One member's counters. Thread-safe. */
final class Counters {

    final LongAdder logins = new LongAdder();
    final LongAdder handoffsOut = new LongAdder();
    final LongAdder handoffsIn = new LongAdder();
    final LongAdder takeovers = new LongAdder();
    final LongAdder relogins = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final LongAdder checkpointEncodeNanos = new LongAdder();
    final LongAdder checkpointNanos = new LongAdder();

    void count(FleetEvent.Kind kind) {
        switch (kind) {
            case LOGGED_IN -> logins.increment();
            case HANDED_OFF -> handoffsOut.increment();
            case ATTACHED -> handoffsIn.increment();
            case TAKEN_OVER -> takeovers.increment();
            case RELOGGED_IN -> relogins.increment();
            case FAILED -> failures.increment();
            case ENDED -> { }
        }
    }

    void checkpoint(long encodeNanos, long totalNanos) {
        checkpoints.increment();
        checkpointEncodeNanos.add(encodeNanos);
        checkpointNanos.add(totalNanos);
    }

    MemberMetrics snapshot(String member, int sessions) {
        return new MemberMetrics(member, sessions, logins.sum(), handoffsOut.sum(), handoffsIn.sum(), takeovers.sum(),
            relogins.sum(), failures.sum(), checkpoints.sum(), checkpointEncodeNanos.sum(), checkpointNanos.sum());
    }
}
