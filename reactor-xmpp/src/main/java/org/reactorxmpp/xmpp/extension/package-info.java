/**
 * Extension SPI: an XMPP extension (XEP payload) is an immutable value plus an
 * {@link org.reactorxmpp.xmpp.extension.ExtensionCodec} that maps it to and from an
 * {@link org.reactorxmpp.xmpp.xml.XmlElement} (the tree the session already parsed). Codecs are
 * registered per client or per feature and collected in an
 * {@link org.reactorxmpp.xmpp.extension.ExtensionRegistry} (the session's: {@code session.codecs()});
 * there is no global registry.
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
