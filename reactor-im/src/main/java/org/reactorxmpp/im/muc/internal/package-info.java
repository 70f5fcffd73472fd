/** Implementation of multi-user chat; not API. */
@NullMarked
package org.reactorxmpp.im.muc.internal;

import org.jspecify.annotations.NullMarked;
