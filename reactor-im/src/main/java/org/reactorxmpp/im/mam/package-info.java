/** Message archive management (XEP-0313, {@code urn:xmpp:mam:2}): {@link org.reactorxmpp.im.mam.MessageArchive}. */
@NullMarked
package org.reactorxmpp.im.mam;

import org.jspecify.annotations.NullMarked;
