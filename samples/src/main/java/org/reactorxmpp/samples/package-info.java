/**
 * Runnable samples: an {@link org.reactorxmpp.samples.EchoBot}, an
 * {@link org.reactorxmpp.samples.EchoClient} and the README's {@link org.reactorxmpp.samples.Demo}
 * that runs both against a local Prosody, and {@link org.reactorxmpp.samples.LocationSharing} over
 * reactor-im's PEP geolocation.
 */
@NullMarked
package org.reactorxmpp.samples;

import org.jspecify.annotations.NullMarked;
