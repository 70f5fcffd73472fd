/**
 * The personal eventing protocol (XEP-0163): publishing to the own account's nodes and interest in
 * contacts' nodes through {@code +notify} in the session's capabilities.
 *
 * <pre>{@code
 * Pep pep = Pep.of(session);
 * pep.events("urn:xmpp:tune").subscribe(e -> show(e.from(), e));   // +notify while subscribed
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.pep;

import org.jspecify.annotations.NullMarked;
