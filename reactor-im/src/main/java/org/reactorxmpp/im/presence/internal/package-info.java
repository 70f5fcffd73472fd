/** Implementation of the presence service; not API. */
@NullMarked
package org.reactorxmpp.im.presence.internal;

import org.jspecify.annotations.NullMarked;
