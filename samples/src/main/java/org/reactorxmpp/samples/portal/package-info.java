/**
 * The support-portal sample: a small Reactor Netty web server that starts a local Prosody, serves a
 * visitor page and an agent console, and relays chats between the browsers and XMPP sessions over
 * WebSockets. Start it with {@link org.reactorxmpp.samples.portal.PortalMain}.
 */
@NullMarked
package org.reactorxmpp.samples.portal;

import org.jspecify.annotations.NullMarked;
