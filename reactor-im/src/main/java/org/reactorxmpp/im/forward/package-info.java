/** Stanza forwarding (XEP-0297), as carried by carbons and archive results: {@link org.reactorxmpp.im.forward.Forwarded}. */
@NullMarked
package org.reactorxmpp.im.forward;

import org.jspecify.annotations.NullMarked;
