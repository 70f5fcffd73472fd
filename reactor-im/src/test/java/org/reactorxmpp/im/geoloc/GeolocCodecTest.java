package org.reactorxmpp.im.geoloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.xml.XmlElement;

class GeolocCodecTest {

    private static final String NS = Geoloc.NAMESPACE;

    @Test
    void roundTripKeepsTypedFieldsAndUnknownChildren() {
        XmlElement element = XmlElement.builder(NS, "geoloc")
            .textChild(NS, "lat", "45.44").textChild(NS, "lon", "12.33").textChild(NS, "accuracy", "20")
            .textChild(NS, "locality", "Venice").textChild(NS, "timestamp", "2026-11-30T10:00:00Z")
            .textChild(NS, "floor", "2").build();
        Geoloc g = ExtensionCodec.decode(Geoloc.CODEC, element);
        assertThat(g.lat()).isEqualTo(45.44);
        assertThat(g.lon()).isEqualTo(12.33);
        assertThat(g.accuracy()).isEqualTo(20.0);
        assertThat(g.locality()).isEqualTo("Venice");
        assertThat(g.timestamp()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(g.others()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("2"));
        assertThat(ExtensionCodec.decode(Geoloc.CODEC, Geoloc.CODEC.encode(g))).isEqualTo(g);
        assertThat(Geoloc.CODEC.encode(g).element(NS, "accuracy").text()).isEqualTo("20");
    }

    @Test
    void theEmptyElementMeansStopped() {
        Geoloc g = ExtensionCodec.decode(Geoloc.CODEC, XmlElement.empty(NS, "geoloc"));
        assertThat(g.isEmpty()).isTrue();
        assertThat(Geoloc.CODEC.encode(Geoloc.EMPTY).children()).isEmpty();
    }

    @Test
    void invalidValuesAreDecodeErrors() {
        assertThatThrownBy(() -> ExtensionCodec.decode(Geoloc.CODEC,
            XmlElement.builder(NS, "geoloc").textChild(NS, "lat", "north").build()))
            .isInstanceOf(ExtensionDecodeException.class).hasMessageContaining("lat");
        assertThatThrownBy(() -> Geoloc.builder().lat(91.0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
