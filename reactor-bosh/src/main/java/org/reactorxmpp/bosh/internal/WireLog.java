package org.reactorxmpp.bosh.internal;

import java.nio.charset.StandardCharsets;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire log: every request and response body at DEBUG in the category
 * {@code org.reactorxmpp.bosh.wire}, with SASL payloads (which carry credentials) redacted.
 */
final class WireLog {

    static final Logger LOG = LoggerFactory.getLogger("org.reactorxmpp.bosh.wire");

    private static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final byte[] SASL_NS_BYTES = SASL_NS.getBytes(StandardCharsets.US_ASCII);

    private WireLog() {
    }

    static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    static void sent(Object session, long rid, int attempt, byte[] body) {
        if (LOG.isDebugEnabled()) {
            String text = contains(body, SASL_NS_BYTES)
                ? "<body rid='" + rid + "'>[SASL payload redacted, " + body.length + " bytes]</body>"
                : new String(body, StandardCharsets.UTF_8);
            LOG.debug("[{}] >> rid={}{} {}", session, rid, attempt > 0 ? " (resend " + attempt + ")" : "", text);
        }
    }

    static void received(Object session, long rid, XmlElement body) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] << rid={} {}", session, rid, redact(body));
        }
    }

    static XmlElement redact(XmlElement element) {
        if (element.namespace().equals(SASL_NS)) {
            if (element.children().isEmpty()) {
                return element;
            }
            XmlElement.Builder b = XmlElement.builder(element.name());
            element.attributes().forEach(b::attribute);
            return b.text("[redacted]").build();
        }
        boolean changed = false;
        XmlElement.Builder b = XmlElement.builder(element.name());
        element.attributes().forEach(b::attribute);
        for (XmlNode child : element.children()) {
            if (child instanceof XmlElement) {
                XmlElement r = redact((XmlElement) child);
                changed |= r != child;
                b.child(r);
            } else {
                b.child(child);
            }
        }
        return changed ? b.build() : element;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
