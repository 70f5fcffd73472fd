package org.reactorxmpp.im.xhtml;

import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.im.xhtml.internal.XhtmlImFeature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;

/**
 * XHTML-IM (XEP-0071) on a session: advertises {@value #NAMESPACE} while installed and surfaces
 * received rich messages sanitised ({@link XhtmlSanitizer}); static helpers build and read the
 * {@code <html/>} element of any message.
 *
 * <pre>{@code
 * XhtmlIm.of(session).messages().subscribe(r -> page.insert(r.html()));   // sanitised
 * XhtmlBody rich = XhtmlBody.builder().text("Hello ").em("Bob").build();
 * chat.send(XhtmlIm.attach(Message.builder().body(rich.plainText()), rich).build()).subscribe();
 * }</pre>
 */
public interface XhtmlIm {

    /** {@code http://jabber.org/protocol/xhtml-im}. */
    String NAMESPACE = "http://jabber.org/protocol/xhtml-im";

    /** The {@code <html/>} wrapper element. */
    XmlName HTML = XmlName.of(NAMESPACE, "html");

    /** The XHTML-IM feature. */
    FeatureKey<XhtmlIm> KEY = FeatureKey.of("xhtml-im", XhtmlImFeature::install);

    /**
     * @param session the session
     * @return its XHTML-IM service (advertised from now on)
     */
    static XhtmlIm of(XmppSession session) {
        return session.feature(KEY);
    }

    /** @return every received message with XHTML-IM content, sanitised, hot (256 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}); completes with the session */
    Flux<RichMessage> messages();

    /**
     * Adds (or replaces) the rich body of a message, with the plain {@code body} XEP-0071 requires as
     * a fallback: the builder's own body when it has one, otherwise {@link XhtmlBody#plainText()}.
     *
     * @param message a message builder
     * @param body the rich body
     * @return the same builder
     */
    static Message.Builder attach(Message.Builder message, XhtmlBody body) {
        Objects.requireNonNull(body, "body");
        if (message.build().body() == null) {
            message.body(body.plainText());
        }
        return message.removeChildren(HTML).child(XmlElement.builder(HTML).child(body.toElement()).build());
    }

    /**
     * @param message a message
     * @return its sanitised rich content (the first XHTML {@code <body/>}), if it has one
     */
    static Optional<String> html(Message message) {
        XmlElement html = message.element().element(HTML);
        if (html == null) {
            return Optional.empty();
        }
        return html.elements().filter(e -> e.is("http://www.w3.org/1999/xhtml", "body")).findFirst()
            .map(XhtmlSanitizer::sanitize);
    }
}
