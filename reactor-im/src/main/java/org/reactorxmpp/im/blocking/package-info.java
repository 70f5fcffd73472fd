/** Blocking command (XEP-0191): {@link org.reactorxmpp.im.blocking.Blocking}. */
@NullMarked
package org.reactorxmpp.im.blocking;

import org.jspecify.annotations.NullMarked;
