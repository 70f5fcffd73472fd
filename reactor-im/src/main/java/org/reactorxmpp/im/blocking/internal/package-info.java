/** Implementation of the blocking command; not API. */
@NullMarked
package org.reactorxmpp.im.blocking.internal;

import org.jspecify.annotations.NullMarked;
