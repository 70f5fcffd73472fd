package org.reactorxmpp.im.receipts;

import org.reactorxmpp.im.receipts.internal.ReceiptsFeature;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivery receipts (XEP-0184) on a session: advertised while installed; a received message that
 * requests a receipt (and has an id) is answered automatically unless disabled; receipts received
 * are matched to the ids of sent messages.
 *
 * <pre>{@code
 * Receipts receipts = Receipts.of(session);
 * receipts.send(Message.builder().to(bob).type(Message.Type.CHAT).body("hi").build())
 *     .timeout(Duration.ofSeconds(30))
 *     .subscribe(r -> System.out.println("delivered to " + r.from()));
 * }</pre>
 */
public interface Receipts {

    /** {@code urn:xmpp:receipts}. */
    String NAMESPACE = "urn:xmpp:receipts";

    /** {@code <request/>}. */
    XmlName REQUEST = XmlName.of(NAMESPACE, "request");

    /** {@code <received/>}. */
    XmlName RECEIVED = XmlName.of(NAMESPACE, "received");

    /** The feature, answering requests automatically. */
    FeatureKey<Receipts> KEY = FeatureKey.of("receipts", () -> new ReceiptsFeature(true));

    /**
     * @param session the session
     * @return its receipts service (answering automatically)
     */
    static Receipts of(XmppSession session) {
        return session.feature(KEY);
    }

    /**
     * @param autoAnswer whether requests are answered automatically
     * @return the feature, for {@code session.feature(...)} or the client builder
     */
    static Feature<Receipts> feature(boolean autoAnswer) {
        return new ReceiptsFeature(autoAnswer);
    }

    /**
     * Sends a message with a receipt request (an id is added when it has none) and waits for its receipt.
     *
     * @param message a message with a {@code to}
     * @return the receipt from the recipient; never completes empty before the session ends, so add a timeout
     */
    Mono<Receipt> send(Message message);

    /** @return every receipt received, hot (256 buffered per subscriber, then a {@link org.reactorxmpp.im.FeatureOverflowException}); completes when the session ends */
    Flux<Receipt> receipts();

    /**
     * @param message a received message
     * @return whether it requests a receipt
     */
    static boolean requested(Message message) {
        return message.has(REQUEST);
    }
}
