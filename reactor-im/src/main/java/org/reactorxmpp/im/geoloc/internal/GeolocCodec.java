package org.reactorxmpp.im.geoloc.internal;

import static org.reactorxmpp.im.geoloc.Geoloc.NAMESPACE;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.geoloc.Geoloc;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** The XEP-0080 codec: typed fields read from the tree, every other child kept. */
public final class GeolocCodec implements ExtensionCodec<Geoloc> {

    private static final XmlName NAME = XmlName.of(NAMESPACE, "geoloc");
    private static final Set<String> TYPED = Set.of("lat", "lon", "accuracy", "alt", "country", "locality", "street",
        "text", "timestamp");

    @Override
    public XmlName name() {
        return NAME;
    }

    @Override
    public Class<Geoloc> type() {
        return Geoloc.class;
    }

    @Override
    public Geoloc decode(XmlElement e) {
        List<XmlElement> others = new ArrayList<>();
        e.elements().filter(c -> !(NAMESPACE.equals(c.namespace()) && TYPED.contains(c.localName()))).forEach(others::add);
        String stamp = text(e, "timestamp");
        Instant timestamp;
        try {
            timestamp = stamp == null ? null : Instant.parse(stamp);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("timestamp is not an XEP-0082 date-time: " + stamp, ex);
        }
        return new Geoloc(number(e, "lat"), number(e, "lon"), number(e, "accuracy"), number(e, "alt"),
            text(e, "country"), text(e, "locality"), text(e, "street"), text(e, "text"), timestamp, others);
    }

    @Override
    public XmlElement encode(Geoloc g) {
        XmlElement.Builder b = XmlElement.builder(NAME);
        add(b, "accuracy", g.accuracy());
        add(b, "alt", g.alt());
        add(b, "country", g.country());
        add(b, "lat", g.lat());
        add(b, "locality", g.locality());
        add(b, "lon", g.lon());
        add(b, "street", g.street());
        add(b, "text", g.text());
        add(b, "timestamp", g.timestamp());
        g.others().forEach(b::child);
        return b.build();
    }

    private static void add(XmlElement.Builder b, String name, @Nullable Object value) {
        if (value != null) {
            b.textChild(NAMESPACE, name, value instanceof Double d ? decimal(d) : value.toString());
        }
    }

    private static String decimal(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static @Nullable String text(XmlElement e, String name) {
        return e.childText(XmlName.of(NAMESPACE, name));
    }

    private static @Nullable Double number(XmlElement e, String name) {
        String v = text(e, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(v.trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " is not a decimal: " + v, ex);
        }
    }
}
