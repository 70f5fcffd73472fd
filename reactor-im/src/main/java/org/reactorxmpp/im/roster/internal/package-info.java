/** Implementation of the roster service; not API. */
@NullMarked
package org.reactorxmpp.im.roster.internal;

import org.jspecify.annotations.NullMarked;
