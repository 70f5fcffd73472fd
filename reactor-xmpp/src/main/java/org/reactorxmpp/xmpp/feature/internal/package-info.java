/** Implementation of the extension model (feature host, capabilities registry); not API. */
@NullMarked
package org.reactorxmpp.xmpp.feature.internal;

import org.jspecify.annotations.NullMarked;
