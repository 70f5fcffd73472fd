package org.reactorxmpp.bosh.fleet;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

/**
 * Hazelcast configurations for a {@link Fleet}: explicit members (TCP-IP join, no multicast, no discovery, no phone
 * home), fast failure detection (a member that stops answering heartbeats for {@link #FAILURE_DETECTION} is removed,
 * well inside a BOSH connection manager's inactivity window), and the fleet's map backed up on one other member.
 * Start from one of these and change what a deployment needs.
 *
 * <pre>{@code
 * Config member = FleetClusters.tcp("bots", "10.0.0.5", 5701, List.of("10.0.0.6:5701", "10.0.0.7:5701"));
 * Config test = FleetClusters.loopback("bots-test", 5801, List.of(5802, 5803));
 * }</pre>
 */
public final class FleetClusters {

    /** How long a silent member stays in the cluster (Hazelcast's default, 60 s, equals Prosody's BOSH inactivity). */
    public static final Duration FAILURE_DETECTION = Duration.ofSeconds(5);

    private FleetClusters() {
    }

    /**
     * @param clusterName the cluster's name (members of other names never join)
     * @return a member alone on 127.0.0.1 that joins no one: a fleet of one
     */
    public static Config single(String clusterName) {
        Config config = base(clusterName);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(5701).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        join(network).getTcpIpConfig().setEnabled(false);
        return config;
    }

    /**
     * @param clusterName the cluster's name (use a unique one per test run)
     * @param port this member's port on 127.0.0.1
     * @param peers the other members' ports on 127.0.0.1
     * @return a member on loopback that joins its peers over TCP
     */
    public static Config loopback(String clusterName, int port, Collection<Integer> peers) {
        return tcp(clusterName, "127.0.0.1", port, peers.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /**
     * @param clusterName the cluster's name
     * @param address the address this member binds and announces
     * @param port this member's port
     * @param members the other members, {@code host:port}
     * @return a member that joins the given members over TCP
     */
    public static Config tcp(String clusterName, String address, int port, List<String> members) {
        Config config = base(clusterName);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(address);
        JoinConfig join = join(network);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(List.copyOf(members));
        return config;
    }

    private static JoinConfig join(NetworkConfig network) {
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return join;
    }

    private static Config base(String clusterName) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(FAILURE_DETECTION.toSeconds()));
        config.getMapConfig("reactor-xmpp-fleet*").setBackupCount(1).setAsyncBackupCount(0);
        return config;
    }
}
