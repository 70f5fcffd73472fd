package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/**
 * The built-in IQ responders: XEP-0199 ping, XEP-0202 time, XEP-0092 version, XEP-0030 disco#info.
 * Trivial protocols as static functions.
 */
final class Responders {

    static final String DISCO_INFO = BuiltInResponder.DISCO_INFO.namespace();

    private Responders() {
    }

    static IqHandler handler(BuiltInResponder responder, SessionSettings settings, Supplier<CapsRegistry> caps,
                             Clock clock) {
        switch (responder) {
            case PING:
                return request -> Mono.just(request.resultWith(null));
            case TIME:
                return request -> Mono.fromSupplier(() -> request.resultWith(time(ZonedDateTime.now(clock))));
            case VERSION:
                return request -> Mono.just(request.resultWith(version(settings.softwareName(), settings.softwareVersion())));
            case DISCO_INFO:
                return request -> Mono.fromSupplier(() -> discoInfo(request, caps.get()));
            default:
                throw new IllegalArgumentException("unknown responder " + responder);
        }
    }

    /** The XEP-0202 answer: {@code <time><tzo>+02:00</tzo><utc>2006-12-19T17:58:35Z</utc></time>}. */
    static XmlElement time(ZonedDateTime now) {
        String ns = BuiltInResponder.TIME.namespace();
        ZoneOffset offset = now.getOffset();
        String tzo = offset.getTotalSeconds() == 0 ? "Z" : offset.getId();
        OffsetDateTime utc = now.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return XmlElement.builder(ns, "time")
            .textChild(ns, "tzo", tzo)
            .textChild(ns, "utc", DateTimeFormatter.ISO_INSTANT.format(utc.toInstant()))
            .build();
    }

    static XmlElement version(String name, String version) {
        String ns = BuiltInResponder.VERSION.namespace();
        return XmlElement.builder(ns, "query").textChild(ns, "name", name).textChild(ns, "version", version).build();
    }

    /**
     * Answers disco#info from the session's registry: without a node, or for the {@code node#ver}
     * of any caps the session advertises now (base and variants); {@code item-not-found} otherwise.
     */
    static Iq discoInfo(Iq request, CapsRegistry caps) {
        if (request.type() != Iq.Type.GET) {
            throw new StanzaErrorException(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                "disco#info is answered to get requests only"), null);
        }
        XmlElement query = request.element().element(XmlName.of(DISCO_INFO, "query"));
        String node = query == null ? null : query.attribute("node");
        return request.resultWith(caps.info(node).orElseThrow(() -> new StanzaErrorException(StanzaError.of(
            StanzaError.Condition.ITEM_NOT_FOUND, "unknown disco node"), null)));
    }
}
