/**
 * Extension SPI: an XMPP extension (XEP payload) is an immutable value plus an
 * {@link org.reactorxmpp.xmpp.extension.ExtensionCodec} that decodes it from a StAX reader and
 * encodes it to an {@link org.reactorxmpp.xmpp.xml.XmlElement}. Codecs are collected per client in an
 * {@link org.reactorxmpp.xmpp.extension.ExtensionRegistry}; there is no global registry.
 *
 * <pre>{@code
 * ExtensionRegistry registry = ExtensionRegistry.builder().register(Delay.CODEC).build();
 * Optional<Object> value = registry.decode(delayElement);   // Optional[Delay[...]]
 * Optional<Delay> delay = message.extension(Delay.CODEC);   // from a stanza, no registry needed
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.extension;

import org.jspecify.annotations.NullMarked;
