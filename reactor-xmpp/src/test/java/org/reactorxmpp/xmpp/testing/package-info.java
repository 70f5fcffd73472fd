/**
 * The test kit, shipped to the other modules in reactor-xmpp's test-jar.
 * <ul>
 *   <li>Real-server harness: {@link org.reactorxmpp.xmpp.testing.ProsodyServer} starts a throw-away
 *       Prosody on loopback (plain Java, usable from a main program), and
 *       {@link org.reactorxmpp.xmpp.testing.ProsodyExtension} wires it into JUnit 5.</li>
 *   <li>{@link org.reactorxmpp.xmpp.testing.ScriptedTransport}: an in-memory transport that plays a
 *       scripted server (expect / respond), so that unit tests run the real session.</li>
 *   <li>{@link org.reactorxmpp.xmpp.testing.TransportContractTest}: the behaviour every
 *       {@link org.reactorxmpp.xmpp.transport.Transport} must show; a transport's test tree extends it.</li>
 * </ul>
 */
@NullMarked
package org.reactorxmpp.xmpp.testing;

import org.jspecify.annotations.NullMarked;
