/**
 * Quick contacts: temporary presence subscriptions (a Cisco Unified Presence extension) through
 * entity-caps {@code +notify} in directed presence.
 */
@NullMarked
package org.reactorxmpp.im.quickcontacts;

import org.jspecify.annotations.NullMarked;
