/** Implementation of message carbons; not API. */
@NullMarked
package org.reactorxmpp.im.carbons.internal;

import org.jspecify.annotations.NullMarked;
