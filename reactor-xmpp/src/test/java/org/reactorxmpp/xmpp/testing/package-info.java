/**
 * Real-server test harness: {@link org.reactorxmpp.xmpp.testing.ProsodyServer} starts a throw-away
 * Prosody on loopback (plain Java, usable from a main program), and
 * {@link org.reactorxmpp.xmpp.testing.ProsodyExtension} wires it into JUnit 5. Shipped to the other
 * modules in reactor-xmpp's test-jar.
 */
@NullMarked
package org.reactorxmpp.xmpp.testing;

import org.jspecify.annotations.NullMarked;
