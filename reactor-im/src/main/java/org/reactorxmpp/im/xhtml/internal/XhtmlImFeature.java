package org.reactorxmpp.im.xhtml.internal;

import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.xhtml.RichMessage;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Flux;

/** The XHTML-IM service of one session. Not API. */
public final class XhtmlImFeature implements XhtmlIm {

    /** Rich messages buffered per subscriber. */
    static final int BUFFER = 256;

    private final HotStream<RichMessage> messages = HotStream.live("XHTML-IM messages", BUFFER);

    private XhtmlImFeature() {
    }

    /**
     * @param ctx the feature context
     * @return the service: advertises XHTML-IM, routes rich messages until the session ends
     */
    public static XhtmlIm install(FeatureContext ctx) {
        XhtmlImFeature feature = new XhtmlImFeature();
        ctx.capability(XhtmlIm.NAMESPACE);
        ctx.route(Message.class, m -> m.has(XhtmlIm.HTML),
            m -> XhtmlIm.html(m).ifPresent(html -> feature.messages.emit(new RichMessage(m, html))));
        ctx.onDispose(feature.messages::complete);
        return feature;
    }

    @Override
    public Flux<RichMessage> messages() {
        return messages.flux();
    }
}
