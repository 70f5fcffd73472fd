/**
 * BOSH (XEP-0124 / XEP-0206) transport for reactor-xmpp on Reactor Netty's HttpClient.
 */
@NullMarked
package org.reactorxmpp.bosh;

import org.jspecify.annotations.NullMarked;
