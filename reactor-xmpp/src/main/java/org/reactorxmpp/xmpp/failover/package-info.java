/**
 * Service discovery and failover: Cisco Unified Presence home/backup node URLs, candidate URL
 * sources and the retry strategies that walk them.
 *
 * <p>The pieces compose, with or without CUP:
 * <ul>
 *   <li>{@link org.reactorxmpp.xmpp.failover.CandidateSource}: where to connect, in order (a plain
 *       list of fallback URLs, or {@link org.reactorxmpp.xmpp.failover.CupServiceDiscovery}'s stored
 *       home and backup nodes then the service-discovery nodes);</li>
 *   <li>{@link org.reactorxmpp.xmpp.failover.CandidateWalk}: one pass over them, each URL at most once,
 *       and its {@link org.reactorxmpp.xmpp.failover.CandidateWalk#retry() Retry};</li>
 *   <li>{@link org.reactorxmpp.xmpp.failover.FailoverSignals}: what an error means (redirect, node down,
 *       stop), extensible for a transport's own errors through
 *       {@link org.reactorxmpp.xmpp.failover.FailoverSignal.Carrier};</li>
 *   <li>{@link org.reactorxmpp.xmpp.failover.NodeStore}: the learned nodes per account, with an expiry.</li>
 * </ul>
 * {@code XmppClient.Builder#candidates}, {@code #urls} and {@code #serviceDiscovery} wire them into
 * connect and reconnect; the rounds after every candidate failed back off with the
 * {@code Reconnect} policy.
 */
@NullMarked
package org.reactorxmpp.xmpp.failover;

import org.jspecify.annotations.NullMarked;
