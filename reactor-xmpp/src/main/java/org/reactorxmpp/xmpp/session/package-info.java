/**
 * The XMPP client session: {@link org.reactorxmpp.xmpp.session.XmppClient} negotiates a stream
 * (SASL, resource binding) over any {@link org.reactorxmpp.xmpp.transport.Transport} and hands back
 * an {@link org.reactorxmpp.xmpp.session.XmppSession} to send stanzas, receive them, correlate IQ
 * requests and answer incoming IQs.
 *
 * <pre>{@code
 * XmppClient client = XmppClient.builder()
 *     .jid("alice@example.com").password(secret)
 *     .transport(BoshTransport.builder().url(URI.create("https://example.com/http-bind")).build())
 *     .build();
 * client.connect()
 *     .flatMapMany(session -> session.messages())
 *     .subscribe(message -> System.out.println(message.body()));
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.session;

import org.jspecify.annotations.NullMarked;
