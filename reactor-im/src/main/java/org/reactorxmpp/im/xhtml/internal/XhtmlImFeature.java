package org.reactorxmpp.im.xhtml.internal;

import org.reactorxmpp.im.xhtml.RichMessage;
import org.reactorxmpp.im.xhtml.XhtmlIm;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.stanza.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The XHTML-IM service of one session. Not API. */
public final class XhtmlImFeature implements XhtmlIm {

    private final Sinks.Many<RichMessage> messages = Sinks.many().multicast().directBestEffort();

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
            m -> XhtmlIm.html(m).ifPresent(html -> feature.messages.tryEmitNext(new RichMessage(m, html))));
        ctx.onDispose(feature.messages::tryEmitComplete);
        return feature;
    }

    @Override
    public Flux<RichMessage> messages() {
        return messages.asFlux().onBackpressureBuffer(256);
    }
}
