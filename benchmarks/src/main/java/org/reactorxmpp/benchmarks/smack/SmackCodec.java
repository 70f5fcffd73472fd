package org.reactorxmpp.benchmarks.smack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.xml.XmlPullParserFactory;
import org.jivesoftware.smack.xml.stax.StaxXmlPullParserFactory;
import org.jivesoftware.smack.xml.xpp3.Xpp3XmlPullParserFactory;

/**
 * Parses and serializes stanzas the way Smack 4.4.8 does, for the side-by-side benchmarks: UTF-8
 * bytes are decoded by a {@link Reader} (Smack's parsers take characters) and handed to Smack's
 * {@link PacketParserUtils#parseStanza(XmlPullParser, XmlEnvironment)}, which builds Smack's typed
 * stanzas and, through the providers that smack-im and smack-extensions register, typed extensions
 * (roster items, chat states, delay, XHTML-IM, PubSub events). A BOSH body is walked with the same
 * pull parser and each child stanza is parsed in turn, as Smack's BOSH connection does.
 *
 * <pre>{@code
 * List<Stanza> stanzas = SmackCodec.parse(SmackCodec.Parser.XPP3, bytes);
 * byte[] out = SmackCodec.serialize(stanzas.get(0));
 * }</pre>
 */
public final class SmackCodec {

    static {
        // loads smack-config.xml and thereby every provider on the class path (smack-im, smack-extensions)
        SmackConfiguration.getVersion();
    }

    /** Which of Smack's pull-parser back ends to use. */
    public enum Parser {
        /** Smack's StAX adapter; {@code XMLInputFactory.newInstance()} finds Woodstox on this class path. */
        STAX(new StaxXmlPullParserFactory()),
        /** Smack's XPP3 adapter (MXParser), the one Smack uses on Android and by default with jbosh. */
        XPP3(new Xpp3XmlPullParserFactory());

        private final XmlPullParserFactory factory;

        Parser(XmlPullParserFactory factory) {
            this.factory = factory;
        }
    }

    private SmackCodec() {
    }

    /** Makes sure Smack's providers are registered (idempotent). */
    public static String smackVersion() {
        return SmackConfiguration.getVersion();
    }

    /**
     * Parses one stanza, or a BOSH body wrapping stanzas.
     *
     * @param parser the back end
     * @param bytes UTF-8 bytes of one document
     * @return the stanzas, in document order
     * @throws IllegalArgumentException when Smack refuses the input
     */
    public static List<Stanza> parse(Parser parser, byte[] bytes) {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
        try {
            XmlPullParser p = parser.factory.newXmlPullParser(reader);
            XmlPullParser.Event event = p.getEventType();
            while (event != XmlPullParser.Event.START_ELEMENT) {
                event = p.next();
            }
            List<Stanza> stanzas = new ArrayList<>();
            if (!"body".equals(p.getName())) {
                stanzas.add(PacketParserUtils.parseStanza(p, XmlEnvironment.EMPTY));
                return stanzas;
            }
            XmlEnvironment bodyEnvironment = XmlEnvironment.from(p);
            int bodyDepth = p.getDepth();
            while (true) {
                event = p.next();
                if (event == XmlPullParser.Event.START_ELEMENT) {
                    stanzas.add(PacketParserUtils.parseStanza(p, bodyEnvironment));
                } else if (event == XmlPullParser.Event.END_ELEMENT && p.getDepth() == bodyDepth) {
                    return stanzas;
                } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                    throw new IllegalArgumentException("body not closed");
                }
            }
        } catch (XmlPullParserException | SmackParsingException | IOException e) {
            throw new IllegalArgumentException("Smack refused the input: " + e, e);
        }
    }

    /**
     * Serializes stanzas the way Smack writes them to the wire: one stanza alone, or several inside
     * a BOSH body.
     *
     * @param stanzas the stanzas
     * @param asBody whether to wrap them in a BOSH body
     * @return UTF-8 bytes
     */
    public static byte[] serialize(List<Stanza> stanzas, boolean asBody) {
        if (!asBody && stanzas.size() == 1) {
            return stanzas.get(0).toXML().toString().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(stanzas.size() * 512);
        sb.append("<body xmlns='http://jabber.org/protocol/httpbind' sid='ba2c5b8d-5b4d-4e6c-9b0f-2f5f0f9c6f61' rid='10375'>");
        for (Stanza stanza : stanzas) {
            // toString() per stanza, as Smack's BOSH connection does (setPayloadXML(toXML(..).toString())):
            // StringBuilder.append(CharSequence) on an XmlStringBuilder reads it char by char, and Smack's
            // charAt walks the builder's parts on every call
            sb.append(stanza.toXML().toString());
        }
        return sb.append("</body>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
