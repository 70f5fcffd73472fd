package org.reactorxmpp.xmpp.transport;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The values of an XMPP stream header that a client chooses (RFC 6120 section 4.7): the server domain,
 * optionally the account it is about and the default language. Immutable; nothing transport-specific.
 *
 * <pre>{@code
 * StreamOpen open = StreamOpen.to("example.com").withFrom("juliet@example.com").withLang("en");
 * }</pre>
 */
public final class StreamOpen {

    private final String to;
    private final @Nullable String from;
    private final @Nullable String lang;

    private StreamOpen(String to, @Nullable String from, @Nullable String lang) {
        this.to = requireToken(to, "to");
        this.from = from == null ? null : requireToken(from, "from");
        this.lang = lang == null ? null : requireToken(lang, "lang");
    }

    private static String requireToken(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("stream header '" + what + "' must not be blank");
        }
        return value;
    }

    /**
     * A stream header to a server domain.
     *
     * @param domain the server's domain, for example {@code example.com}
     * @return the header values
     */
    public static StreamOpen to(String domain) {
        return new StreamOpen(domain, null, null);
    }

    /**
     * @param jid the account the stream is about (the {@code from} attribute), or {@code null} for none
     * @return a copy with that value
     */
    public StreamOpen withFrom(@Nullable String jid) {
        return new StreamOpen(to, jid, lang);
    }

    /**
     * @param language the default language ({@code xml:lang}), for example {@code en}, or {@code null}
     * @return a copy with that value
     */
    public StreamOpen withLang(@Nullable String language) {
        return new StreamOpen(to, from, language);
    }

    /** @return the server's domain */
    public String to() {
        return to;
    }

    /** @return the account the stream is about, if given */
    public Optional<String> from() {
        return Optional.ofNullable(from);
    }

    /** @return the default language, if given */
    public Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StreamOpen)) {
            return false;
        }
        StreamOpen other = (StreamOpen) o;
        return to.equals(other.to) && Objects.equals(from, other.from) && Objects.equals(lang, other.lang);
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, from, lang);
    }

    @Override
    public String toString() {
        return "StreamOpen{to=" + to + (from != null ? ", from=" + from : "") + (lang != null ? ", lang=" + lang : "") + "}";
    }
}
