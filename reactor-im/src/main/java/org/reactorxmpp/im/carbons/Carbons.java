package org.reactorxmpp.im.carbons;

import org.reactorxmpp.im.carbons.internal.DefaultCarbons;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Message carbons (XEP-0280, {@value #NAMESPACE}): copies of the messages other resources of the
 * account receive and send. A carbon is accepted only from the account's own bare JID; a forged one
 * (from anyone else, which a server delivers like any message) is dropped and logged. Enabled
 * carbons are enabled again after a reconnect.
 *
 * <pre>{@code
 * Carbons carbons = Carbons.of(session);
 * carbons.carbons().subscribe(c -> System.out.println(c.direction() + ": " + c.forwarded().message().body()));
 * carbons.enable().subscribe();
 * }</pre>
 */
public interface Carbons {

    /** {@code urn:xmpp:carbons:2}. */
    String NAMESPACE = "urn:xmpp:carbons:2";

    /** The carbons feature. */
    FeatureKey<Carbons> KEY = FeatureKey.of("carbons", DefaultCarbons::install);

    /**
     * @param session the session
     * @return its carbons service
     */
    static Carbons of(XmppSession session) {
        return session.feature(KEY);
    }

    /** @return completion once the server enabled carbons for this resource */
    Mono<Void> enable();

    /** @return completion once the server disabled them */
    Mono<Void> disable();

    /** @return whether carbons were enabled (and not disabled since) */
    boolean enabled();

    /** @return the valid carbons received, hot (256 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}); completes when the session ends */
    Flux<Carbon> carbons();

    /**
     * Marks a message as not to be copied to other resources ({@code <private/>} and the
     * {@code no-copy} processing hint).
     *
     * @param message a message builder
     * @return the same builder
     */
    static Message.Builder noCopy(Message.Builder message) {
        return message.child(XmlElement.empty(NAMESPACE, "private")).child(XmlElement.empty("urn:xmpp:hints", "no-copy"));
    }
}
