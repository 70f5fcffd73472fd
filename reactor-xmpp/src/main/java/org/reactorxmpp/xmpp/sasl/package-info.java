/**
 * Client-side SASL (RFC 4422) for XMPP (RFC 6120 section 6): mechanisms as pure, non-blocking
 * state machines, a chooser that applies the client's preference and transport-security policy, and
 * the typed failure conditions.
 *
 * <p>Nothing here performs I/O. The session drives an exchange over the stream: it sends
 * {@code <auth mechanism='X'>} with the {@linkplain SaslExchange#initialResponse() initial response},
 * answers each {@code <challenge/>} with {@link SaslExchange#respond(byte[])}, hands the data of
 * {@code <success/>} to {@link SaslExchange#complete(java.util.Optional)}, and turns a
 * {@code <failure/>} into an exception with {@link SaslException#fromFailure}.
 *
 * <p>Passwords and SASL payloads are never logged and never appear in exception messages.
 */
@NullMarked
package org.reactorxmpp.xmpp.sasl;

import org.jspecify.annotations.NullMarked;
