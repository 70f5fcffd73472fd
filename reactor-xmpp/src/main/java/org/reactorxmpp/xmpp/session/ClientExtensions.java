package org.reactorxmpp.xmpp.session;

import java.util.ArrayList;
import java.util.List;

import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The features and codecs declared on {@link XmppClient.Builder}: installed on every session before
 * it is handed out (so before initial presence: the first presence already has complete caps).
 * The client's codecs are one more feature, private to the client.
 */
final class ClientExtensions {

    private static final Logger log = LoggerFactory.getLogger(ClientExtensions.class);

    private final List<Feature<?>> features;

    ClientExtensions(List<Feature<?>> declared, List<ExtensionCodec<?>> codecs) {
        List<Feature<?>> all = new ArrayList<>();
        if (!codecs.isEmpty()) {
            List<ExtensionCodec<?>> copy = List.copyOf(codecs);
            all.add(FeatureKey.of("client codecs", ctx -> {
                copy.forEach(ctx::codec);
                return copy;
            }));
        }
        all.addAll(declared);
        this.features = List.copyOf(all);
    }

    /**
     * @param connect the negotiation
     * @return the negotiation, each session with the declared features installed; a failing
     *     installation closes the session and fails the connect
     */
    Mono<XmppSession> installOn(Mono<XmppSession> connect) {
        if (features.isEmpty()) {
            return connect;
        }
        return connect.handle((session, sink) -> {
            try {
                features.forEach(session::feature);
                sink.next(session);
            } catch (RuntimeException e) {
                session.close().subscribe(null, closeError -> log.debug("[{}] closing failed", SessionLog.id(session), closeError));
                sink.error(e);
            }
        });
    }
}
