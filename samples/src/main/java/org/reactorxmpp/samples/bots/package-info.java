/**
 * The fan-out bot sample: many bot sessions in one JVM on a few event-loop threads, answering commands,
 * keeping their presence and coming back after a server restart. Start it with
 * {@link org.reactorxmpp.samples.bots.FanOutBots}.
 */
@NullMarked
package org.reactorxmpp.samples.bots;

import org.jspecify.annotations.NullMarked;
