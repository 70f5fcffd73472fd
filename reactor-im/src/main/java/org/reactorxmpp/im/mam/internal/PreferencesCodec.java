package org.reactorxmpp.im.mam.internal;

import java.util.List;

import org.reactorxmpp.im.mam.ArchivePreferences;
import org.reactorxmpp.im.mam.MessageArchive;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** {@code <prefs xmlns='urn:xmpp:mam:2'/>} to and from {@link ArchivePreferences}. */
final class PreferencesCodec {

    private static final XmlName PREFS = XmlName.of(MessageArchive.NAMESPACE, "prefs");

    private PreferencesCodec() {
    }

    static ArchivePreferences fromReply(Iq reply) {
        XmlElement prefs = reply.payload().filter(p -> p.name().equals(PREFS))
            .orElseThrow(() -> new ExtensionDecodeException(PREFS, "the archive answered without <prefs/>"));
        String def = prefs.attribute("default");
        return new ArchivePreferences(ArchivePreferences.Default.of(def == null ? "" : def),
            jids(prefs, "always"), jids(prefs, "never"));
    }

    private static List<Jid> jids(XmlElement prefs, String list) {
        XmlElement e = prefs.element(MessageArchive.NAMESPACE, list);
        return e == null ? List.of() : e.elements(XmlName.of(MessageArchive.NAMESPACE, "jid")).map(j -> Jid.parse(j.text().trim())).toList();
    }

    static XmlElement encode(ArchivePreferences p) {
        if (p.defaultBehaviour() == ArchivePreferences.Default.UNKNOWN) {
            throw new IllegalArgumentException("the default behaviour UNKNOWN cannot be sent");
        }
        return XmlElement.builder(PREFS).attribute("default", p.defaultBehaviour().value())
            .child(list("always", p.always())).child(list("never", p.never())).build();
    }

    private static XmlElement list(String name, List<Jid> jids) {
        XmlElement.Builder b = XmlElement.builder(MessageArchive.NAMESPACE, name);
        jids.forEach(j -> b.textChild(MessageArchive.NAMESPACE, "jid", j.toString()));
        return b.build();
    }
}
