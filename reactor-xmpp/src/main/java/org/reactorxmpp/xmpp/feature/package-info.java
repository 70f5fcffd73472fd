/**
 * The extension model: a per-session service (roster, presence, a XEP) is a {@link
 * org.reactorxmpp.xmpp.feature.Feature} that installs its IQ handlers, stanza routes, codecs,
 * capabilities and reconnect hooks through a {@link org.reactorxmpp.xmpp.feature.FeatureContext},
 * and is obtained from the session by its {@link org.reactorxmpp.xmpp.feature.FeatureKey}: the same
 * instance every time, removed with the session. There is no static registry.
 *
 * <pre>{@code
 * Roster roster = session.feature(Roster.KEY);     // or Roster.of(session): the same instance
 * XmppClient client = XmppClient.builder()...feature(Roster.KEY).build();  // installed before initial presence
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.feature;

import org.jspecify.annotations.NullMarked;
