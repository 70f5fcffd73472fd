package org.reactorxmpp.xmpp.session.internal;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** The XEP-0198 elements: what the session writes and how it reads what the server sends. */
final class SmElements {

    static final String NS = StreamManagement.NAMESPACE;
    /** Counters are unsigned 32-bit integers that wrap to 0. */
    static final long MASK = 0xFFFF_FFFFL;

    private SmElements() {
    }

    static boolean offered(StreamFeatures features) {
        return features.feature(NS).isPresent();
    }

    static XmlElement enable(boolean resume) {
        return XmlElement.builder(NS, "enable").attribute("resume", resume ? "true" : null).build();
    }

    static XmlElement request() {
        return XmlElement.empty(NS, "r");
    }

    static XmlElement answer(long handled) {
        return XmlElement.builder(NS, "a").attribute("h", Long.toString(handled & MASK)).build();
    }

    static XmlElement resume(String previd, long handled) {
        return XmlElement.builder(NS, "resume").attribute("previd", previd)
            .attribute("h", Long.toString(handled & MASK)).build();
    }

    static boolean is(XmlElement e, String localName) {
        return e.is(NS, localName);
    }

    /** @return whether the element is a stanza XEP-0198 counts: a message, presence or iq of the client stream */
    static boolean isStanza(XmlElement e) {
        if (!Stanza.NAMESPACE.equals(e.namespace())) {
            return false;
        }
        String name = e.localName();
        return name.equals("message") || name.equals("presence") || name.equals("iq");
    }

    /** @return the {@code h} attribute as an unsigned 32-bit value, or {@code null} when absent or invalid */
    static @Nullable Long h(XmlElement e) {
        String h = e.attribute("h");
        if (h == null) {
            return null;
        }
        try {
            long value = Long.parseLong(h.trim());
            return value < 0 || value > MASK ? null : value;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    static boolean isTrue(@Nullable String attribute) {
        return "true".equals(attribute) || "1".equals(attribute);
    }
}
