/** Implementation of {@link org.reactorxmpp.im.pubsub}: not API. */
@NullMarked
package org.reactorxmpp.im.pubsub.internal;

import org.jspecify.annotations.NullMarked;
