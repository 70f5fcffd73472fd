package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.util.Objects;

import org.reactorxmpp.xmpp.XmppException;

/**
 * Not a failure: a service-discovery node named the user's home node, which is not the current URL,
 * so the attempt was closed before authenticating to go there (a {@link CandidateWalk} continues
 * with the home node, then the backup node). Appears in a {@link FailoverExhaustedException} as the
 * reason the service-discovery node was left.
 */
public final class ServiceDiscoveryRedirect extends XmppException {

    private static final long serialVersionUID = 1L;

    private final transient HomeNodes nodes;

    /**
     * @param from the service-discovery URL that was left
     * @param nodes the nodes it announced
     */
    public ServiceDiscoveryRedirect(URI from, HomeNodes nodes) {
        super("service discovery at " + from + " names home node " + nodes.home()
            + (nodes.backup().map(b -> " and backup node " + b).orElse("")) + ": reconnecting there");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    /** @return the announced nodes */
    public HomeNodes nodes() {
        return nodes;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
