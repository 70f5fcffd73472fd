package org.reactorxmpp.xmpp.jid;

import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An XMPP address (RFC 7622): {@code [localpart@]domainpart[/resourcepart]}, immutable and normalized.
 *
 * <pre>{@code
 * Jid to = Jid.parse("Juliet@Example.com/balcony");   // a FullJid
 * BareJid bare = to.asBare();                          // juliet@example.com
 * FullJid other = bare.withResource("orchard");
 * BareJid gateway = BareJid.escaped("d'artagnan", "example.com"); // d\27artagnan@example.com
 * }</pre>
 *
 * <h2>Parsing (RFC 7622 section 3.1)</h2>
 * The resourcepart is everything after the first {@code '/'}; the localpart is everything before the
 * first {@code '@'} that precedes it; the rest is the domainpart. A {@code '@'} or {@code '/'} followed
 * or preceded by nothing (an empty localpart or resourcepart) and an empty domainpart are errors. Each
 * part, once normalized, must be 1 to 1023 octets of UTF-8.
 *
 * <h2>Localpart (section 3.3): UsernameCaseMapped profile, approximated without ICU</h2>
 * Mapping: fullwidth and halfwidth forms (U+FF01..U+FFEE, U+3000) to their NFKC decomposition,
 * {@link String#toLowerCase(java.util.Locale) toLowerCase(Locale.ROOT)} (Unicode full lower-casing,
 * which includes the final-sigma rule, as RFC 8265 asks), then NFC. Rejected: the eight characters
 * {@code " & ' / : < > @} (RFC 7622), every space separator (category Zs), and every non-ASCII code
 * point outside the PRECIS IdentifierClass, judged with the JDK's Unicode tables: only categories
 * Ll, Lu, Lo, Lm, Mn, Mc and Nd are accepted, and of those not the code points that are unassigned,
 * noncharacters, surrogates, controls, default-ignorable (a fixed list of ranges), old Hangul jamo,
 * the RFC 5892 DISALLOWED exceptions, the joiners U+200C/U+200D (CONTEXTJ is not evaluated: they are
 * always rejected), or code points with a compatibility decomposition (NFKC differs from NFC). The
 * CONTEXTO rules of RFC 5892 appendix A (middle dot, keraia, geresh, katakana middle dot, Arabic-Indic
 * digits) and the Bidi Rule of RFC 5893 (only when right-to-left characters occur) are applied.
 * Approximations: the Unicode version is the JDK's, not the one of the IANA PRECIS registry; the
 * derived properties are computed from general categories rather than read from the registry.
 *
 * <h2>Domainpart (section 3.2)</h2>
 * One trailing {@code '.'} is stripped (the ideographic full stops U+3002, U+FF0E and U+FF61 count as
 * dots). A bracketed IPv6 literal ({@code [::1]}, RFC 4291 text forms, no zone) is kept lower-cased.
 * Otherwise width mapping, lower-casing and NFC are applied, and each label must be non-empty, made of
 * ASCII letters, digits and {@code '-'} (not first or last) or of non-ASCII IdentifierClass code points
 * as above (an approximation of IDNA2008 PVALID), pass the Bidi Rule, and be accepted by
 * {@link java.net.IDN#toASCII(String)} with its default (strict, IDNA2003) flags, whose ASCII form
 * must be at most 63 octets. A-labels ({@code xn--...}) are checked to round-trip and replaced by their
 * U-label: <b>the canonical form of a domainpart is Unicode</b>, so {@code xn--bcher-kva.example} and
 * {@code bücher.example} are equal. A name made only of digits and dots must be a dotted-quad IPv4
 * address without leading zeros.
 *
 * <h2>Resourcepart (section 3.4): OpaqueString profile, approximated</h2>
 * Non-ASCII space separators are mapped to U+0020, then NFC; case is preserved. Any code point of the
 * FreeformClass is accepted, including {@code '@'}, {@code '/'} and spaces; rejected are unassigned
 * code points, noncharacters, surrogates, controls, format characters, default-ignorables, private use,
 * line and paragraph separators, old Hangul jamo and the RFC 5892 DISALLOWED exceptions.
 *
 * <h2>Equality and order</h2>
 * {@code equals} and {@code hashCode} compare the normalized parts, {@code toString()} gives the
 * normalized form {@code local@domain/resource}. JIDs are ordered by domainpart, then localpart (absent
 * first), then resourcepart (a bare JID before its full JIDs).
 *
 * <p>Errors are {@link JidFormatException}s whose message names the part, the offending code point and
 * the rule.
 */
public sealed interface Jid extends Comparable<Jid> permits BareJid, FullJid {

    /** Orders by domainpart, localpart, then resourcepart; absent parts first. */
    Comparator<Jid> ORDER = Comparator.comparing(Jid::domainpart)
            .thenComparing(j -> j.localpart().orElse(""))
            .thenComparing(j -> j.resourcepart().isPresent())
            .thenComparing(j -> j.resourcepart().orElse(""));

    /**
     * Parses and normalizes a JID.
     *
     * @param text the address, such as {@code juliet@example.com/balcony}
     * @return a {@link BareJid} or, when there is a resourcepart, a {@link FullJid}
     * @throws JidFormatException when it is not a valid JID
     */
    static Jid parse(String text) {
        int slash = text.indexOf('/');
        String beforeResource = slash >= 0 ? text.substring(0, slash) : text;
        int at = beforeResource.indexOf('@');
        String local = at >= 0 ? beforeResource.substring(0, at) : null;
        String domain = at >= 0 ? beforeResource.substring(at + 1) : beforeResource;
        String quoted = "'" + text + "'";
        if (local != null && local.isEmpty()) {
            throw new JidFormatException("localpart of " + quoted
                    + " is empty (nothing before '@'), forbidden by RFC 7622 section 3.1");
        }
        if (domain.isEmpty()) {
            throw new JidFormatException("domainpart of " + quoted + " is empty, forbidden by RFC 7622 section 3.1");
        }
        if (slash >= 0 && slash == text.length() - 1) {
            throw new JidFormatException("resourcepart of " + quoted
                    + " is empty (nothing after '/'), forbidden by RFC 7622 section 3.1");
        }
        BareJid bare = BareJid.create(local, domain, "localpart of " + quoted, "domainpart of " + quoted);
        if (slash < 0) {
            return bare;
        }
        return FullJid.create(bare, text.substring(slash + 1), "resourcepart of " + quoted);
    }

    /**
     * Parses a JID, returning empty instead of throwing when it is not valid.
     *
     * @param text the address, may be null
     * @return the JID, or empty when {@code text} is null or not a valid JID
     */
    static Optional<Jid> tryParse(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (JidFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A JID that is only a domainpart, such as a server or component address.
     *
     * @param domain the domainpart
     * @return the bare JID
     * @throws JidFormatException when {@code domain} is not a valid domainpart
     */
    static BareJid domain(String domain) {
        return BareJid.of(null, domain);
    }

    /** @return the normalized localpart, if any */
    Optional<String> localpart();

    /** @return the normalized domainpart (Unicode, lower-case, no trailing dot) */
    String domainpart();

    /** @return the resourcepart, if any */
    Optional<String> resourcepart();

    /** @return this JID without resource */
    BareJid asBare();

    /**
     * A full JID with this JID's localpart and domainpart.
     *
     * @param resource the resourcepart, raw
     * @return the full JID
     * @throws JidFormatException when {@code resource} is not a valid resourcepart
     */
    default FullJid withResource(String resource) {
        return asBare().withResource(resource);
    }

    /** @return whether there is no resourcepart */
    default boolean isBare() {
        return this instanceof BareJid;
    }

    /**
     * The localpart with its XEP-0106 escapes undone, for display.
     *
     * @return the unescaped localpart, if any
     * @see JidEscaping#unescape(String)
     */
    default Optional<String> unescapedLocalpart() {
        return localpart().map(JidEscaping::unescape);
    }

    @Override
    default int compareTo(Jid other) {
        return ORDER.compare(this, other);
    }
}
