package org.reactorxmpp.xmpp.session.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
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

    static IqHandler handler(BuiltInResponder responder, SessionSettings settings, DiscoInfo disco, Clock clock) {
        switch (responder) {
            case PING:
                return request -> Mono.just(request.resultWith(null));
            case TIME:
                return request -> Mono.fromSupplier(() -> request.resultWith(time(ZonedDateTime.now(clock))));
            case VERSION:
                return request -> Mono.just(request.resultWith(version(settings.softwareName(), settings.softwareVersion())));
            case DISCO_INFO:
                return request -> Mono.fromSupplier(() -> disco.answer(request));
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

    /** The disco#info responder with the identity and the features in use, and the caps node it answers for. */
    static final class DiscoInfo {

        private final List<DiscoIdentity> identities;
        private final List<String> features;
        private final String capsNodeAndVer;

        DiscoInfo(List<DiscoIdentity> identities, Collection<String> features, String capsNode, String ver) {
            this.identities = List.copyOf(identities);
            this.features = List.copyOf(features);
            this.capsNodeAndVer = capsNode + "#" + ver;
        }

        List<String> features() {
            return features;
        }

        Iq answer(Iq request) {
            if (request.type() != Iq.Type.GET) {
                throw new StanzaErrorException(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
                    "disco#info is answered to get requests only"), null);
            }
            XmlElement query = request.element().element(XmlName.of(DISCO_INFO, "query"));
            String node = query == null ? null : query.attribute("node");
            if (node != null && !node.equals(capsNodeAndVer)) {
                throw new StanzaErrorException(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND,
                    "unknown disco node"), null);
            }
            XmlElement.Builder answer = XmlElement.builder(DISCO_INFO, "query").attribute("node", node);
            for (DiscoIdentity i : identities) {
                XmlElement.Builder identity = XmlElement.builder(DISCO_INFO, "identity")
                    .attribute("category", i.category()).attribute("type", i.type())
                    .attribute("name", i.name().orElse(null));
                i.lang().ifPresent(lang -> identity.attribute(XmlName.XML_LANG, lang));
                answer.child(identity.build());
            }
            for (String f : features) {
                answer.child(XmlElement.builder(DISCO_INFO, "feature").attribute("var", f).build());
            }
            return request.resultWith(answer.build());
        }
    }
}
