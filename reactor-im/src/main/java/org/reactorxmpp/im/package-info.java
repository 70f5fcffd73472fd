/**
 * Instant messaging on top of an XMPP session: roster, presence, chat, MUC, PubSub.
 */
@NullMarked
package org.reactorxmpp.im;

import org.jspecify.annotations.NullMarked;
