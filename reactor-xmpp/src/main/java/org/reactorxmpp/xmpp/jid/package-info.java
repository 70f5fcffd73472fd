/**
 * XMPP addresses (RFC 7622) and XEP-0106 JID escaping.
 */
@NullMarked
package org.reactorxmpp.xmpp.jid;

import org.jspecify.annotations.NullMarked;
