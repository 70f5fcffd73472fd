/**
 * JSON configuration of an {@link org.reactorxmpp.xmpp.session.XmppClient}, with the option names
 * of Cisco AJAX XMPP Library (CAXL): {@link org.reactorxmpp.xmpp.config.XmppClientConfig}.
 *
 * <pre>{@code
 * XmppClientConfig config = XmppClientConfig.fromJson(json);
 * XmppClient client = config.applyTo(XmppClient.builder())
 *     .password(secret)
 *     .transport(BoshTransport.builder().url(config.httpBindingUrl().orElseThrow()).build())
 *     .build();
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.config;

import org.jspecify.annotations.NullMarked;
