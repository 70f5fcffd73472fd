/** Implementation of {@link org.reactorxmpp.im.geoloc}: not API. */
@NullMarked
package org.reactorxmpp.im.geoloc.internal;

import org.jspecify.annotations.NullMarked;
