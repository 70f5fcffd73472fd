/**
 * Implementation of the BOSH transport. Not API: may change without notice.
 *
 * <p>Public only for {@code org.reactorxmpp.bosh}: {@code BoshSessions} (creates, attaches, pauses and detaches
 * sessions), the settings it takes ({@code BoshSettings}, {@code HttpOptions}) and {@code RegistrableDomain}
 * (for {@code SeeOtherUri}). Everything else is package-private: one session is a {@code BoshConnection} facade
 * over a {@code SessionCore} and its parts, each confined to the session's {@code TaskLoop} (see
 * {@code SessionCore} for the list).
 */
@NullMarked
package org.reactorxmpp.bosh.internal;

import org.jspecify.annotations.NullMarked;
