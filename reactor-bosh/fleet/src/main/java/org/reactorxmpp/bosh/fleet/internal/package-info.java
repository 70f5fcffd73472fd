/**
 * The fleet's implementation: placement over Hazelcast partitions, handover entries, checkpoints. Not API.
 */
@NullMarked
package org.reactorxmpp.bosh.fleet.internal;

import org.jspecify.annotations.NullMarked;
