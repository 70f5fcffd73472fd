package org.reactorxmpp.xmpp.stanza;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** Per-language child texts ({@code <body/>}, {@code <subject/>}, {@code <status/>}) of a stanza. */
final class Languages {

    private Languages() {
    }

    /**
     * The text in the default language: the first child without {@code xml:lang} or whose
     * {@code xml:lang} equals the stanza's; failing that, the first child of that name.
     */
    static @Nullable String defaultText(XmlElement stanza, XmlName childName) {
        XmlElement head = stanza.element(childName);
        if (head == null) {
            return null;
        }
        String stanzaLang = stanza.attribute(XmlName.XML_LANG);
        String headLang = head.attribute(XmlName.XML_LANG);
        if (headLang == null || (stanzaLang != null && headLang.equalsIgnoreCase(stanzaLang))) {
            return head.text(); // the usual case (one body, no xml:lang), without a stream per call
        }
        XmlElement first = null;
        for (XmlElement child : (Iterable<XmlElement>) stanza.elements(childName)::iterator) {
            String lang = child.attribute(XmlName.XML_LANG);
            if (lang == null || (stanzaLang != null && lang.equalsIgnoreCase(stanzaLang))) {
                return child.text();
            }
            if (first == null) {
                first = child;
            }
        }
        return first == null ? null : first.text();
    }

    /**
     * The texts by language; a child without {@code xml:lang} is keyed by the stanza's
     * {@code xml:lang}, or by the empty string when the stanza has none. The first text per language wins.
     */
    static Map<String, String> texts(XmlElement stanza, XmlName childName) {
        String stanzaLang = stanza.attribute(XmlName.XML_LANG);
        Map<String, String> out = new LinkedHashMap<>();
        stanza.elements(childName).forEach(child -> {
            String lang = child.attribute(XmlName.XML_LANG);
            String key = lang != null ? lang : stanzaLang != null ? stanzaLang : "";
            out.putIfAbsent(key, child.text());
        });
        return Collections.unmodifiableMap(out);
    }
}
