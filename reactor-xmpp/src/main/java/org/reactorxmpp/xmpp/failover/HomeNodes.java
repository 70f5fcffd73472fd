package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A user's home node and, when the cluster has one, backup node, as BOSH URLs (Cisco Unified
 * Presence high availability). Immutable.
 *
 * <pre>{@code
 * HomeNodes nodes = HomeNodes.of(URI.create("https://a.example.com/httpbinding"), null);
 * }</pre>
 *
 * @param home the home node's URL
 * @param backupUrl the backup node's URL, or {@code null}
 */
public record HomeNodes(URI home, @Nullable URI backupUrl) {

    /**
     * @param home the home node's URL
     * @param backupUrl the backup node's URL, or {@code null}
     */
    public HomeNodes {
        Objects.requireNonNull(home, "home");
        if (backupUrl != null && Candidate.key(backupUrl).equals(Candidate.key(home))) {
            backupUrl = null;
        }
    }

    /**
     * @param home the home node's URL
     * @param backup the backup node's URL, or {@code null}
     * @return the nodes
     */
    public static HomeNodes of(URI home, @Nullable URI backup) {
        return new HomeNodes(home, backup);
    }

    /** @return the backup node's URL, if any */
    public Optional<URI> backup() {
        return Optional.ofNullable(backupUrl);
    }

    /** @return the home candidate, then the backup candidate if any */
    public List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>(2);
        list.add(Candidate.of(home, Candidate.Role.HOME));
        if (backupUrl != null) {
            list.add(Candidate.of(backupUrl, Candidate.Role.BACKUP));
        }
        return List.copyOf(list);
    }
}
