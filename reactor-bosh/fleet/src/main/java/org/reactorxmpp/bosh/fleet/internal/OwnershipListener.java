package org.reactorxmpp.bosh.fleet.internal;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.PartitionLostEvent;
import com.hazelcast.partition.PartitionLostListener;
import com.hazelcast.partition.ReplicaMigrationEvent;

/**
 * Turns Hazelcast's ownership signals (membership changes, migrations, lost partitions) into a placement pass. Its
 * callbacks run on Hazelcast's event threads and only schedule the pass on the fleet's control thread.
 */
final class OwnershipListener implements MigrationListener, MembershipListener, PartitionLostListener {

    private final Runnable pass;

    OwnershipListener(Runnable pass) {
        this.pass = pass;
    }

    @Override
    public void migrationStarted(MigrationState state) {
        // ownership moves when each replica migration completes
    }

    @Override
    public void migrationFinished(MigrationState state) {
        pass.run();
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
        if (event.getReplicaIndex() == 0) {
            pass.run();
        }
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {
        pass.run();
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        pass.run();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        pass.run();
    }

    @Override
    public void partitionLost(PartitionLostEvent event) {
        pass.run();
    }
}
