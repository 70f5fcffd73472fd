package org.reactorxmpp.xmpp.session;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * What one session advertises about itself (XEP-0030 disco#info, XEP-0115 entity caps): its
 * identities, features and extended forms (XEP-0128). One registry per session, shared by every
 * connection of a reconnecting session; features add to it while they live.
 *
 * <p>When an addition or a removal changes the verification string, {@link #ver()} changes, the
 * session re-sends its last broadcast available presence with the new {@code <c/>} (only if it had
 * sent one), and disco#info answers for the new {@code node#ver}. Disco#info is answered for the
 * base {@code node#ver} and for the {@code node#ver} of every {@link Variant} alive now (for example
 * the one quick contacts put in directed presence); any other node gets {@code item-not-found}.
 *
 * <p>Additions are counted: a feature added twice stays until both handles are disposed.
 *
 * <pre>{@code
 * Capabilities caps = session.capabilities();
 * Disposable geoloc = caps.addFeature("http://jabber.org/protocol/geoloc+notify"); // ver changes, presence re-sent
 * Capabilities.Variant temp = caps.variant(List.of("http://webex.com/connect/temp-presence+notify"));
 * session.send(Presence.builder().to(bob).child(temp.element()).build()).subscribe();
 * geoloc.dispose();                                                                // back to the previous ver
 * }</pre>
 */
public interface Capabilities {

    /** @return the caps node URI identifying the software (XEP-0115 {@code node}) */
    String node();

    /** @return the identities advertised now */
    List<DiscoIdentity> identities();

    /** @return the features advertised now, in the order they were added */
    Set<String> features();

    /** @return the extended service discovery forms advertised now ({@code <x xmlns='jabber:x:data' type='result'/>}) */
    List<XmlElement> forms();

    /** @return the current SHA-1 verification string of the identities, features and forms */
    String ver();

    /** @return {@code <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='...' ver='...'/>} for {@link #ver()} */
    XmlElement element();

    /**
     * Advertises a feature, for example a PEP interest {@code urn:xmpp:avatar:metadata+notify}.
     *
     * @param feature the feature {@code var}
     * @return a handle whose {@link Disposable#dispose()} withdraws this addition (idempotent)
     */
    Disposable addFeature(String feature);

    /**
     * @param identity an identity to advertise
     * @return a handle whose {@link Disposable#dispose()} withdraws this addition (idempotent)
     */
    Disposable addIdentity(DiscoIdentity identity);

    /**
     * @param form a {@code jabber:x:data} result form with a hidden {@code FORM_TYPE} field
     * @return a handle whose {@link Disposable#dispose()} withdraws this addition (idempotent)
     * @throws IllegalArgumentException when the form has no {@code FORM_TYPE}
     */
    Disposable addForm(XmlElement form);

    /**
     * A second set of capabilities advertised next to the base one: the base plus extra features,
     * with its own {@code ver}, for presence directed to some entities (CUP temporary subscriptions
     * advertise {@code ...temp-presence+notify} only to the contacts they subscribe to). Disco#info
     * answers its {@code node#ver} while it is not disposed; its {@code ver} follows the base.
     *
     * @param extraFeatures the features added to the base ones
     * @return the variant
     */
    Variant variant(Collection<String> extraFeatures);

    /** @return each new {@link #ver()} from now on (hot); completes when the session ends */
    Flux<String> verChanges();

    /** The base capabilities plus some features, advertised in directed presence. */
    interface Variant extends Disposable {

        /** @return the base features plus the extra ones */
        Set<String> features();

        /** @return the verification string of the base identities and forms with {@link #features()} */
        String ver();

        /** @return the {@code <c/>} element for {@link #ver()} */
        XmlElement element();
    }
}
