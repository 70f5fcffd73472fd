/**
 * A fleet of XMPP sessions spread over the members of a Hazelcast cluster: each member runs the sessions of the
 * partitions it owns, and ownership changes hand live BOSH sessions over (detach, attach) instead of logging in
 * again. Entry point: {@link org.reactorxmpp.bosh.fleet.Fleet}.
 */
@NullMarked
package org.reactorxmpp.bosh.fleet;

import org.jspecify.annotations.NullMarked;
