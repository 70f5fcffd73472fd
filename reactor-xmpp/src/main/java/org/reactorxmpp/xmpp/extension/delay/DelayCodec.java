package org.reactorxmpp.xmpp.extension.delay;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlText;

/** Codec for XEP-0203 {@code <delay/>}; stateless. Use {@link Delay#CODEC}. */
final class DelayCodec implements ExtensionCodec<Delay> {

    private static final XmlName NAME = XmlName.of(Delay.NAMESPACE, "delay");

    @Override
    public XmlName name() {
        return NAME;
    }

    @Override
    public Class<Delay> type() {
        return Delay.class;
    }

    @Override
    public Delay decode(XmlElement element) {
        String stamp = element.attribute("stamp");
        String from = element.attribute("from");
        String text = element.text();
        if (stamp == null) {
            throw new ExtensionDecodeException(NAME, "<delay/> without the required 'stamp' attribute");
        }
        try {
            // XEP-0082 DateTime: a time zone designator is required ('Z' or +hh:mm), fractions allowed
            OffsetDateTime t = OffsetDateTime.parse(stamp.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return new Delay(t.toInstant(), from == null ? null : Jid.parse(from), text.isEmpty() ? null : text);
        } catch (DateTimeParseException e) {
            throw new ExtensionDecodeException(NAME, "<delay/> has an invalid stamp '" + stamp + "': " + e.getMessage(), e);
        } catch (JidFormatException e) {
            throw new ExtensionDecodeException(NAME, "<delay/> has an invalid from '" + from + "': " + e.getMessage(), e);
        }
    }

    @Override
    public XmlElement encode(Delay value) {
        return XmlElement.builder(NAME)
            .attribute("stamp", DateTimeFormatter.ISO_INSTANT.format(value.stamp()))
            .attribute("from", value.from())
            .children(value.text() == null ? List.of() : List.of(new XmlText(value.text())))
            .build();
    }
}
