/**
 * Implementation of the session: negotiation flows, IQ correlation, built-in responders. Not API.
 */
@NullMarked
package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.NullMarked;
