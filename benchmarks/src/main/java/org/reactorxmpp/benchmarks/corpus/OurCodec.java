package org.reactorxmpp.benchmarks.corpus;

import java.util.ArrayList;
import java.util.List;

import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

/**
 * Parses and serializes the corpus with this library, doing at least the work Smack does eagerly:
 * the bytes become an {@link XmlElement} tree (Woodstox, secure limits on), each stanza becomes a
 * typed {@link Stanza}, and its {@code from}/{@code to} JIDs and type are parsed (our stanzas parse
 * those lazily, Smack's eagerly, so the benchmark forces them).
 *
 * <pre>{@code
 * List<Stanza> stanzas = OurCodec.parse(StanzaCorpus.ROSTER_PUSH.bytes());
 * byte[] out = OurCodec.serialize(stanzas, false);
 * }</pre>
 */
public final class OurCodec {

    private static final XmlReader READER = XmlReader.create();

    private OurCodec() {
    }

    /**
     * @param bytes UTF-8 bytes of one stanza or of a BOSH body wrapping stanzas
     * @return the stanzas in document order, with JIDs and types parsed
     */
    public static List<Stanza> parse(byte[] bytes) {
        XmlElement root = READER.read(bytes);
        List<Stanza> stanzas = new ArrayList<>();
        if (root.is(StanzaCorpus.HTTPBIND, "body")) {
            root.elements().forEach(e -> stanzas.add(touch(Stanza.of(e))));
        } else {
            stanzas.add(touch(Stanza.of(root)));
        }
        return stanzas;
    }

    /**
     * @param stanzas the stanzas
     * @param asBody whether to wrap them in a BOSH body, as the transport sends them
     * @return UTF-8 bytes
     */
    public static byte[] serialize(List<Stanza> stanzas, boolean asBody) {
        if (!asBody && stanzas.size() == 1) {
            return XmlWriter.toBytes(stanzas.get(0).element());
        }
        XmlElement.Builder body = XmlElement.builder(StanzaCorpus.HTTPBIND, "body")
            .attribute("sid", "ba2c5b8d-5b4d-4e6c-9b0f-2f5f0f9c6f61")
            .attribute("rid", "10375");
        for (Stanza stanza : stanzas) {
            body.child(stanza.element());
        }
        return XmlWriter.toBytes(body.build());
    }

    private static Stanza touch(Stanza stanza) {
        stanza.from();
        stanza.to();
        if (stanza instanceof Message m) {
            m.type();
        } else if (stanza instanceof Presence p) {
            p.type();
        } else if (stanza instanceof Iq iq) {
            iq.type();
        }
        return stanza;
    }
}
