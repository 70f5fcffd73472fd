/**
 * Core of reactor-xmpp: XML model, JIDs, stanzas, SASL, the session and the transport SPI.
 */
@NullMarked
package org.reactorxmpp.xmpp;

import org.jspecify.annotations.NullMarked;
