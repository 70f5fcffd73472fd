/** Implementation of one-to-one chat; not API. */
@NullMarked
package org.reactorxmpp.im.chat.internal;

import org.jspecify.annotations.NullMarked;
