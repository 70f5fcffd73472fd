package org.reactorxmpp.bosh.fleet;

import java.io.Serializable;
import java.time.Duration;

/**
 * One member's counters since it started (see {@link FleetMetrics}). Immutable.
 *
 * @param member the member's name ({@link Fleet#memberName()})
 * @param sessions the sessions it runs now
 * @param logins first logins (the account had no session in the fleet)
 * @param handoffsOut sessions it detached and handed to another member
 * @param handoffsIn sessions it attached after another member handed them off
 * @param takeovers sessions it attached from a checkpoint after their member disappeared
 * @param relogins sessions that could not be resumed and logged in again here
 * @param failures logins that failed here (retried)
 * @param checkpoints checkpoints written to the cluster
 * @param checkpointEncodeNanos CPU time spent encoding those checkpoints (off the event loops), in nanoseconds
 * @param checkpointNanos time from encoding a checkpoint to the cluster's acknowledgement of its write (backup
 *     included), summed over all checkpoints, in nanoseconds
 */
public record MemberMetrics(String member, int sessions, long logins, long handoffsOut, long handoffsIn,
                            long takeovers, long relogins, long failures, long checkpoints, long checkpointEncodeNanos,
                            long checkpointNanos)
    implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @return the mean time to encode and write one checkpoint, zero before the first */
    public Duration meanCheckpointTime() {
        return checkpoints == 0 ? Duration.ZERO : Duration.ofNanos(checkpointNanos / checkpoints);
    }
}
