/**
 * Service discovery and failover: Cisco Unified Presence home/backup node URLs, candidate URL
 * sources and the retry strategies that walk them.
 */
@NullMarked
package org.reactorxmpp.xmpp.failover;

import org.jspecify.annotations.NullMarked;
