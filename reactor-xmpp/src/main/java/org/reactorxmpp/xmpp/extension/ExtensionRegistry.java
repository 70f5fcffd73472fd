package org.reactorxmpp.xmpp.extension;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * An immutable set of {@link ExtensionCodec}s, looked up by element name. Each session has its own
 * ({@code session.codecs()}: the client's codecs plus those of the features installed now); there is
 * deliberately no static or global registry, so two clients in one JVM never see each other's codecs.
 *
 * <pre>{@code
 * ExtensionRegistry registry = ExtensionRegistry.builder()
 *     .register(Delay.CODEC)
 *     .build();
 * for (Object ext : registry.decodeAll(message.element())) { ... }   // every known child, decoded
 * }</pre>
 */
public final class ExtensionRegistry {

    private static final ExtensionRegistry EMPTY = new ExtensionRegistry(Map.of(), Map.of());

    private final Map<XmlName, ExtensionCodec<?>> byName;
    private final Map<Class<?>, ExtensionCodec<?>> byType;

    private ExtensionRegistry(Map<XmlName, ExtensionCodec<?>> byName, Map<Class<?>, ExtensionCodec<?>> byType) {
        this.byName = byName;
        this.byType = byType;
    }

    /** @return a registry without codecs */
    public static ExtensionRegistry empty() {
        return EMPTY;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with this registry's codecs, to derive an extended registry */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.codecs.putAll(byName);
        return b;
    }

    /**
     * The codec for an element name.
     *
     * @param name the element's qualified name
     * @return the codec, if registered
     */
    public Optional<ExtensionCodec<?>> codec(XmlName name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The (first) codec registered for a value type.
     *
     * @param type the value class
     * @param <T> the value type
     * @return the codec, if registered
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<ExtensionCodec<T>> codec(Class<T> type) {
        return Optional.ofNullable((ExtensionCodec<T>) byType.get(type));
    }

    /**
     * Whether a codec is registered for an element name.
     *
     * @param name the element's name
     * @return {@code true} if so
     */
    public boolean contains(XmlName name) {
        return byName.containsKey(name);
    }

    /** @return the registered codecs in registration order */
    public Collection<ExtensionCodec<?>> codecs() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /**
     * Decodes an element with the codec registered for its name.
     *
     * @param element the extension element
     * @return the decoded value, or empty when no codec handles this name
     * @throws ExtensionDecodeException when a codec exists but decoding fails
     */
    public Optional<Object> decode(XmlElement element) {
        ExtensionCodec<?> codec = byName.get(element.name());
        return codec == null ? Optional.empty() : Optional.of(ExtensionCodec.decode(codec, element));
    }

    /**
     * Decodes every child element of {@code parent} that has a registered codec, in document order.
     * Children without a codec are skipped (they stay in {@code parent}).
     *
     * @param parent for example a stanza's element
     * @return the decoded values
     * @throws ExtensionDecodeException when decoding one of them fails
     */
    public List<Object> decodeAll(XmlElement parent) {
        List<Object> out = new ArrayList<>();
        parent.elements().forEach(child -> {
            ExtensionCodec<?> codec = byName.get(child.name());
            if (codec != null) {
                out.add(ExtensionCodec.decode(codec, child));
            }
        });
        return Collections.unmodifiableList(out);
    }

    /**
     * Encodes a value with the (first) codec registered for its exact class.
     *
     * @param value the extension value
     * @return its element
     * @throws IllegalArgumentException when no codec is registered for the value's class
     */
    @SuppressWarnings("unchecked")
    public XmlElement encode(Object value) {
        ExtensionCodec<Object> codec = (ExtensionCodec<Object>) byType.get(value.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("no codec registered for " + value.getClass().getName());
        }
        return codec.encode(value);
    }

    @Override
    public String toString() {
        return "ExtensionRegistry" + byName.keySet();
    }

    /** Collects codecs; not thread-safe. */
    public static final class Builder {

        private final LinkedHashMap<XmlName, ExtensionCodec<?>> codecs = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a codec.
         *
         * @param codec the codec
         * @return this builder
         * Several codecs may share a value type (XEP-0085 has one element per chat state, all decoding
         * to one enum); {@link ExtensionRegistry#encode(Object)} then uses the first one registered,
         * which must be able to encode every value of that type.
         *
         * @throws IllegalArgumentException when another codec is already registered for the same element name
         */
        public Builder register(ExtensionCodec<?> codec) {
            Objects.requireNonNull(codec, "codec");
            XmlName name = Objects.requireNonNull(codec.name(), "codec.name()");
            Objects.requireNonNull(codec.type(), "codec.type()");
            ExtensionCodec<?> existing = codecs.get(name);
            if (existing != null && existing != codec) {
                throw new IllegalArgumentException("element " + name + " already has codec "
                    + ExtensionCodec.describe(existing) + "; cannot add " + ExtensionCodec.describe(codec));
            }
            codecs.put(name, codec);
            return this;
        }

        /** @return the immutable registry */
        public ExtensionRegistry build() {
            Map<XmlName, ExtensionCodec<?>> byName = Collections.unmodifiableMap(new LinkedHashMap<>(codecs));
            Map<Class<?>, ExtensionCodec<?>> byType = new LinkedHashMap<>();
            for (ExtensionCodec<?> c : codecs.values()) {
                byType.putIfAbsent(c.type(), c);
            }
            return new ExtensionRegistry(byName, Collections.unmodifiableMap(byType));
        }
    }
}
