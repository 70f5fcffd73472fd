/** Helpers shared by the reactor-im features; not API. */
@NullMarked
package org.reactorxmpp.im.internal;

import org.jspecify.annotations.NullMarked;
