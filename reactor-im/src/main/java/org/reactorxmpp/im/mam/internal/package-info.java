/** Implementation of the message archive client; not API. */
@NullMarked
package org.reactorxmpp.im.mam.internal;

import org.jspecify.annotations.NullMarked;
