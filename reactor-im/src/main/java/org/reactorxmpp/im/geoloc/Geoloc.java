package org.reactorxmpp.im.geoloc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.geoloc.internal.GeolocCodec;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * A user location (XEP-0080 {@code <geoloc xmlns='http://jabber.org/protocol/geoloc'/>}): the common fields
 * typed, every other child kept as it came ({@link #others()}), so nothing is dropped when re-published.
 * All fields are optional; the empty value ({@link #isEmpty()}) means "no longer publishing".
 *
 * <pre>{@code
 * Geoloc here = Geoloc.builder().lat(45.4384).lon(10.9916).accuracy(20).locality("Verona").country("Italy").build();
 * XmlElement element = Geoloc.CODEC.encode(here);
 * }</pre>
 *
 * @param lat latitude in decimal degrees north
 * @param lon longitude in decimal degrees east
 * @param accuracy horizontal accuracy in meters
 * @param alt altitude in meters above or below sea level
 * @param country the country
 * @param locality a locality, for example a town
 * @param street a street
 * @param text a description
 * @param timestamp when the location was determined
 * @param others the other children, unchanged
 */
public record Geoloc(@Nullable Double lat, @Nullable Double lon, @Nullable Double accuracy, @Nullable Double alt,
                     @Nullable String country, @Nullable String locality, @Nullable String street,
                     @Nullable String text, @Nullable Instant timestamp, List<XmlElement> others) {

    /** The namespace, which is also the PEP node. */
    public static final String NAMESPACE = "http://jabber.org/protocol/geoloc";

    /** The tree codec. */
    public static final ExtensionCodec<Geoloc> CODEC = new GeolocCodec();

    /** No location: published to stop publishing. */
    public static final Geoloc EMPTY = builder().build();

    public Geoloc {
        others = List.copyOf(others);
        if (lat != null && (lat < -90 || lat > 90)) {
            throw new IllegalArgumentException("latitude out of range: " + lat);
        }
        if (lon != null && (lon < -180 || lon > 180)) {
            throw new IllegalArgumentException("longitude out of range: " + lon);
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether no field is set */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** @return the locality */
    public Optional<String> localityName() {
        return Optional.ofNullable(locality);
    }

    /** Builds a {@link Geoloc}. */
    public static final class Builder {
        private @Nullable Double lat;
        private @Nullable Double lon;
        private @Nullable Double accuracy;
        private @Nullable Double alt;
        private @Nullable String country;
        private @Nullable String locality;
        private @Nullable String street;
        private @Nullable String text;
        private @Nullable Instant timestamp;
        private List<XmlElement> others = List.of();

        private Builder() {
        }

        public Builder lat(@Nullable Double value) {
            this.lat = value;
            return this;
        }

        public Builder lon(@Nullable Double value) {
            this.lon = value;
            return this;
        }

        public Builder accuracy(@Nullable Double value) {
            this.accuracy = value;
            return this;
        }

        public Builder alt(@Nullable Double value) {
            this.alt = value;
            return this;
        }

        public Builder country(@Nullable String value) {
            this.country = value;
            return this;
        }

        public Builder locality(@Nullable String value) {
            this.locality = value;
            return this;
        }

        public Builder street(@Nullable String value) {
            this.street = value;
            return this;
        }

        public Builder text(@Nullable String value) {
            this.text = value;
            return this;
        }

        public Builder timestamp(@Nullable Instant value) {
            this.timestamp = value;
            return this;
        }

        /** @param elements other children, kept unchanged @return this builder */
        public Builder others(List<XmlElement> elements) {
            this.others = List.copyOf(elements);
            return this;
        }

        /** @return the value */
        public Geoloc build() {
            return new Geoloc(lat, lon, accuracy, alt, country, locality, street, text, timestamp, others);
        }
    }
}
