package org.reactorxmpp.xmpp.session;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A service discovery identity (XEP-0030 section 3.1): category, type, optional name and language.
 * CAXL called this the {@code capabilityIdentity}. Immutable.
 *
 * <pre>{@code
 * DiscoIdentity identity = DiscoIdentity.of("client", "bot", "Support bot");
 * }</pre>
 */
public final class DiscoIdentity {

    private final String category;
    private final String type;
    private final @Nullable String name;
    private final @Nullable String lang;

    private DiscoIdentity(String category, String type, @Nullable String name, @Nullable String lang) {
        this.category = requireToken(category, "category");
        this.type = requireToken(type, "type");
        this.name = name;
        this.lang = lang == null || lang.isEmpty() ? null : lang;
    }

    private static String requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("disco identity " + what + " must not be blank");
        }
        return value;
    }

    /**
     * @param category for example {@code client}
     * @param type for example {@code pc}, {@code web}, {@code bot}
     * @param name a human-readable name, or {@code null}
     * @return the identity
     */
    public static DiscoIdentity of(String category, String type, @Nullable String name) {
        return new DiscoIdentity(category, type, name, null);
    }

    /**
     * @param lang the language of the name ({@code xml:lang}), or {@code null}
     * @return a copy with that language
     */
    public DiscoIdentity withLang(@Nullable String lang) {
        return new DiscoIdentity(category, type, name, lang);
    }

    /** @return the category */
    public String category() {
        return category;
    }

    /** @return the type */
    public String type() {
        return type;
    }

    /** @return the name, if any */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the language of the name, if any */
    public Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiscoIdentity)) {
            return false;
        }
        DiscoIdentity other = (DiscoIdentity) o;
        return category.equals(other.category) && type.equals(other.type)
            && Objects.equals(name, other.name) && Objects.equals(lang, other.lang);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, type, name, lang);
    }

    @Override
    public String toString() {
        return category + "/" + type + "/" + (lang == null ? "" : lang) + "/" + (name == null ? "" : name);
    }
}
