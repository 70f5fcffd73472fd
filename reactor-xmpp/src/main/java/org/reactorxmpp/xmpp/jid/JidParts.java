package org.reactorxmpp.xmpp.jid;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Preparation and enforcement of the three parts of a JID (RFC 7622), without ICU.
 *
 * <p>Package-private: the rules are documented on {@link Jid}. Every method takes a {@code subject}
 * such as {@code "localpart of 'a b@example.com'"} that starts the message of the exception it throws.
 */
final class JidParts {

    /** RFC 7622 section 3.1: each part is at most 1023 octets of UTF-8. */
    static final int MAX_PART_OCTETS = 1023;

    /** RFC 1035 / RFC 5890: a DNS label is at most 63 octets (in its ASCII form). */
    static final int MAX_LABEL_OCTETS = 63;

    private static final String LOCAL_RULES = "RFC 7622 section 3.3.1";
    private static final String USERNAME_PROFILE = "the UsernameCaseMapped profile (RFC 8265) required by RFC 7622 section 3.3.1";
    private static final String DOMAIN_RULES = "RFC 7622 section 3.2";
    private static final String RESOURCE_RULES = "the OpaqueString profile (RFC 8265) required by RFC 7622 section 3.4.1";

    private JidParts() {
    }

    // ---------------------------------------------------------------- localpart

    static String localpart(String raw, String subject) {
        if (raw.isEmpty()) {
            throw new JidFormatException(subject + " is empty, forbidden by RFC 7622 section 3.3");
        }
        // UsernameCaseMapped: width mapping, case mapping, NFC (RFC 8265 section 3.4.1 order)
        String s = widthMap(raw);
        s = s.toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            checkLocalCodePoint(s, i, cp, subject);
            i += Character.charCount(cp);
        }
        checkBidi(s, subject, USERNAME_PROFILE);
        checkLength(s, subject);
        return s;
    }

    private static void checkLocalCodePoint(String s, int index, int cp, String subject) {
        switch (cp) {
            case '"', '&', '\'', '/', ':', '<', '>', '@' ->
                throw new JidFormatException(subject + " contains " + describe(cp) + ", forbidden by " + LOCAL_RULES);
            default -> {
                // handled below
            }
        }
        if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
            throw new JidFormatException(subject + " contains a space (" + hex(cp) + "), forbidden by " + LOCAL_RULES);
        }
        if (cp >= 0x21 && cp <= 0x7E) {
            return; // ASCII7: PVALID in the IdentifierClass
        }
        String problem = identifierProblem(s, index, cp);
        if (problem != null) {
            throw new JidFormatException(subject + " contains " + problem + " (" + hex(cp) + "), not allowed by "
                    + USERNAME_PROFILE);
        }
    }

    /** The reason why a non-ASCII code point is not in the PRECIS IdentifierClass, or null when it is. */
    private static String identifierProblem(String s, int index, int cp) {
        String common = commonProblem(s, index, cp);
        if (common != null) {
            return common;
        }
        if (isExceptionPvalid(cp) || isContextO(cp)) {
            return null; // RFC 5892 section 2.6 PVALID exceptions; CONTEXTO whose rule passed above
        }
        if (hasCompatibilityEquivalent(cp)) {
            return "a character with a compatibility equivalent";
        }
        int type = Character.getType(cp);
        return switch (type) {
            case Character.LOWERCASE_LETTER, Character.UPPERCASE_LETTER, Character.OTHER_LETTER,
                    Character.MODIFIER_LETTER, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER -> null;
            case Character.TITLECASE_LETTER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.ENCLOSING_MARK -> "a letter or digit outside LetterDigits";
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> "a symbol";
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> "a punctuation character";
            case Character.PRIVATE_USE -> "a private-use character";
            default -> "a disallowed character";
        };
    }

    /**
     * Problems shared by the IdentifierClass and the FreeformClass (RFC 8264 section 9): exceptions,
     * unassigned, surrogates, controls, default-ignorable and old Hangul jamo; also the CONTEXTJ and
     * CONTEXTO rules of RFC 5892 appendix A for the code points we can judge without ICU.
     */
    private static String commonProblem(String s, int index, int cp) {
        int type = Character.getType(cp);
        if (type == Character.UNASSIGNED) {
            return Character.isDefined(cp) ? "a noncharacter" : "an unassigned code point";
        }
        if (type == Character.SURROGATE) {
            return "an unpaired surrogate";
        }
        if (type == Character.CONTROL) {
            return "a control character";
        }
        if (isExceptionDisallowed(cp)) {
            return "a character disallowed by the RFC 5892 exceptions";
        }
        if (cp == 0x200C || cp == 0x200D) {
            return "a joiner (CONTEXTJ, not supported)";
        }
        if (isDefaultIgnorable(cp)) {
            return "a default-ignorable character";
        }
        if (isOldHangulJamo(cp)) {
            return "an old Hangul jamo";
        }
        String context = contextOProblem(s, index, cp);
        if (context != null) {
            return context;
        }
        return null;
    }

    // ---------------------------------------------------------------- resourcepart

    static String resourcepart(String raw, String subject) {
        if (raw.isEmpty()) {
            throw new JidFormatException(subject + " is empty, forbidden by RFC 7622 section 3.4");
        }
        // OpaqueString: map non-ASCII spaces to U+0020, no case mapping, NFC
        StringBuilder mapped = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> mapped.appendCodePoint(
                Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : cp));
        String s = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String problem = freeformProblem(s, i, cp);
            if (problem != null) {
                throw new JidFormatException(subject + " contains " + problem + " (" + hex(cp) + "), not allowed by "
                        + RESOURCE_RULES);
            }
            i += Character.charCount(cp);
        }
        checkLength(s, subject);
        return s;
    }

    /** The reason why a code point is not in the PRECIS FreeformClass, or null when it is. */
    private static String freeformProblem(String s, int index, int cp) {
        if (cp >= 0x20 && cp <= 0x7E) {
            return null;
        }
        String common = commonProblem(s, index, cp);
        if (common != null) {
            return common;
        }
        return switch (Character.getType(cp)) {
            case Character.FORMAT -> "a format character";
            case Character.PRIVATE_USE -> "a private-use character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
            default -> null; // letters, marks, numbers, punctuation, symbols, spaces
        };
    }

    // ---------------------------------------------------------------- domainpart

    static String domainpart(String raw, String subject) {
        String s = raw;
        // label separators of RFC 3490 section 3.1 are mapped to '.'
        s = s.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1); // RFC 7622 section 3.2: strip one trailing dot
        }
        if (s.isEmpty()) {
            throw new JidFormatException(subject + " is empty, forbidden by " + DOMAIN_RULES);
        }
        if (s.startsWith("[")) {
            return ipv6Literal(s, subject);
        }
        s = widthMap(s);
        s = s.toLowerCase(Locale.ROOT);
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        String[] labels = s.split("\\.", -1);
        boolean numeric = true;
        StringBuilder canonical = new StringBuilder(s.length());
        for (String label : labels) {
            String u = label(label, subject);
            numeric &= isDigits(u);
            if (canonical.length() > 0) {
                canonical.append('.');
            }
            canonical.append(u);
        }
        String result = canonical.toString();
        if (numeric) {
            checkIpv4(result, labels, subject);
        }
        checkLength(result, subject);
        return result;
    }

    private static String label(String label, String subject) {
        if (label.isEmpty()) {
            throw new JidFormatException(subject + " contains an empty label, forbidden by " + DOMAIN_RULES);
        }
        String u = label;
        if (label.startsWith("xn--")) {
            // an A-label: the canonical form is its U-label
            u = IDN.toUnicode(label);
            if (u.equals(label) || !toAscii(u, subject).equals(label)) {
                throw new JidFormatException(subject + " contains an invalid A-label '" + label + "', forbidden by "
                        + DOMAIN_RULES + " (RFC 5891 section 5.4)");
            }
            u = Normalizer.normalize(u.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        }
        for (int i = 0; i < u.length(); ) {
            int cp = u.codePointAt(i);
            if (cp < 0x80) {
                if (!(cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp == '-')) {
                    throw new JidFormatException(subject + " contains " + describe(cp)
                            + ", only letters, digits and '-' are allowed in a DNS label by " + DOMAIN_RULES);
                }
            } else {
                String problem = identifierProblem(u, i, cp);
                if (problem != null) {
                    throw new JidFormatException(subject + " contains " + problem + " (" + hex(cp)
                            + "), not allowed in an IDNA2008 label by " + DOMAIN_RULES);
                }
            }
            i += Character.charCount(cp);
        }
        if (u.startsWith("-") || u.endsWith("-")) {
            throw new JidFormatException(subject + " contains the label '" + u
                    + "' that starts or ends with '-', forbidden by " + DOMAIN_RULES + " (RFC 5891 section 4.2.3.1)");
        }
        checkBidi(u, subject, DOMAIN_RULES + " (RFC 5893)");
        String ascii = u.chars().allMatch(c -> c < 0x80) ? u : toAscii(u, subject);
        if (ascii.length() > MAX_LABEL_OCTETS) {
            throw new JidFormatException(subject + " contains a label of " + ascii.length()
                    + " octets in ASCII form, more than the " + MAX_LABEL_OCTETS + " allowed by " + DOMAIN_RULES);
        }
        return u;
    }

    private static String toAscii(String label, String subject) {
        try {
            return IDN.toASCII(label);
        } catch (IllegalArgumentException e) {
            throw new JidFormatException(subject + " contains the label '" + label
                    + "' that is not a valid internationalized label (" + e.getMessage() + "), forbidden by "
                    + DOMAIN_RULES);
        }
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void checkIpv4(String s, String[] labels, String subject) {
        boolean ok = labels.length == 4;
        for (String label : labels) {
            ok &= label.length() <= 3 && (label.length() == 1 || label.charAt(0) != '0')
                    && Integer.parseInt(label) <= 255;
        }
        if (!ok) {
            throw new JidFormatException(subject + " is all digits but not an IPv4 address (RFC 3986 IPv4address), "
                    + "forbidden by " + DOMAIN_RULES);
        }
    }

    private static String ipv6Literal(String s, String subject) {
        if (!s.endsWith("]") || s.length() < 3 || !isIpv6(s.substring(1, s.length() - 1))) {
            throw new JidFormatException(subject + " is not a valid IPv6 literal (RFC 3986 IP-literal), forbidden by "
                    + DOMAIN_RULES);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** RFC 4291 section 2.2 text forms, with an optional trailing dotted IPv4 address; no zone id. */
    static boolean isIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int headGroups = groups(head, doubleColon < 0);
        if (headGroups < 0) {
            return false;
        }
        int tailGroups = doubleColon >= 0 ? groups(tail, true) : 0;
        if (tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return doubleColon >= 0 ? total <= 7 : total == 8;
    }

    /** Counts 16-bit groups of a colon-separated run (an IPv4 tail counts two); -1 when malformed. */
    private static int groups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && mayEndWithIpv4 && p.indexOf('.') >= 0) {
                String[] octets = p.split("\\.", -1);
                if (octets.length != 4) {
                    return -1;
                }
                for (String o : octets) {
                    if (o.isEmpty() || o.length() > 3 || !isDigits(o) || (o.length() > 1 && o.charAt(0) == '0')
                            || Integer.parseInt(o) > 255) {
                        return -1;
                    }
                }
                count += 2;
            } else {
                if (p.isEmpty() || p.length() > 4) {
                    return -1;
                }
                for (int j = 0; j < p.length(); j++) {
                    if (Character.digit(p.charAt(j), 16) < 0 || p.charAt(j) > 'f') {
                        return -1;
                    }
                }
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- shared rules

    static void checkLength(String part, String subject) {
        int octets = part.getBytes(StandardCharsets.UTF_8).length;
        if (octets > MAX_PART_OCTETS) {
            throw new JidFormatException(subject + " is " + octets + " octets long in UTF-8, more than the "
                    + MAX_PART_OCTETS + " allowed by RFC 7622 section 3.1");
        }
    }

    /** Width mapping of RFC 8265 (fullwidth and halfwidth forms to their decompositions). */
    private static String widthMap(String s) {
        boolean any = false;
        for (int i = 0; i < s.length() && !any; i++) {
            any = isWidthForm(s.charAt(i));
        }
        if (!any) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isWidthForm(cp)) {
                b.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static boolean isWidthForm(int cp) {
        return cp >= 0xFF01 && cp <= 0xFFEE || cp == 0x3000;
    }

    private static boolean hasCompatibilityEquivalent(int cp) {
        String one = new String(Character.toChars(cp));
        return !Normalizer.normalize(one, Normalizer.Form.NFKC).equals(Normalizer.normalize(one, Normalizer.Form.NFC));
    }

    private static boolean isExceptionPvalid(int cp) {
        return cp == 0x00DF || cp == 0x03C2 || cp == 0x06FD || cp == 0x06FE || cp == 0x0F0B || cp == 0x3007;
    }

    private static boolean isContextO(int cp) {
        return cp == 0x00B7 || cp == 0x0375 || cp == 0x05F3 || cp == 0x05F4 || cp == 0x30FB
                || cp >= 0x0660 && cp <= 0x0669 || cp >= 0x06F0 && cp <= 0x06F9;
    }

    private static boolean isExceptionDisallowed(int cp) {
        return cp == 0x0640 || cp == 0x07FA || cp == 0x302E || cp == 0x302F || cp >= 0x3031 && cp <= 0x3035
                || cp == 0x303B;
    }

    /** Default_Ignorable_Code_Point (Unicode DerivedCoreProperties), as fixed ranges. */
    private static boolean isDefaultIgnorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160
                || cp == 0x17B4 || cp == 0x17B5 || cp >= 0x180B && cp <= 0x180F
                || cp >= 0x200B && cp <= 0x200F || cp >= 0x202A && cp <= 0x202E || cp >= 0x2060 && cp <= 0x206F
                || cp == 0x3164 || cp >= 0xFE00 && cp <= 0xFE0F || cp == 0xFEFF || cp == 0xFFA0
                || cp >= 0xFFF0 && cp <= 0xFFF8 || cp >= 0x1BCA0 && cp <= 0x1BCA3 || cp >= 0x1D173 && cp <= 0x1D17A
                || cp >= 0xE0000 && cp <= 0xE0FFF;
    }

    private static boolean isOldHangulJamo(int cp) {
        return cp >= 0x1100 && cp <= 0x11FF || cp >= 0xA960 && cp <= 0xA97F || cp >= 0xD7B0 && cp <= 0xD7FF;
    }

    /** CONTEXTO rules of RFC 5892 appendix A.3 to A.9. */
    private static String contextOProblem(String s, int index, int cp) {
        switch (cp) {
            case 0x00B7 -> { // MIDDLE DOT: between two 'l'
                boolean ok = index > 0 && s.charAt(index - 1) == 'l' && index + 1 < s.length()
                        && s.charAt(index + 1) == 'l';
                return ok ? null : "a middle dot not between two 'l' (RFC 5892 appendix A.3)";
            }
            case 0x0375 -> { // GREEK LOWER NUMERAL SIGN: followed by Greek
                boolean ok = index + 1 < s.length()
                        && Character.UnicodeScript.of(s.codePointAt(index + 1)) == Character.UnicodeScript.GREEK;
                return ok ? null : "a keraia not followed by Greek (RFC 5892 appendix A.4)";
            }
            case 0x05F3, 0x05F4 -> { // HEBREW GERESH / GERSHAYIM: preceded by Hebrew
                boolean ok = index > 0
                        && Character.UnicodeScript.of(s.codePointBefore(index)) == Character.UnicodeScript.HEBREW;
                return ok ? null : "a geresh not preceded by Hebrew (RFC 5892 appendix A.5, A.6)";
            }
            case 0x30FB -> { // KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han
                boolean ok = s.codePoints().anyMatch(c -> {
                    Character.UnicodeScript sc = Character.UnicodeScript.of(c);
                    return c != 0x30FB && (sc == Character.UnicodeScript.HIRAGANA
                            || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HAN);
                });
                return ok ? null : "a katakana middle dot without Japanese text (RFC 5892 appendix A.9)";
            }
            default -> {
                if (cp >= 0x0660 && cp <= 0x0669 && s.codePoints().anyMatch(c -> c >= 0x06F0 && c <= 0x06F9)
                        || cp >= 0x06F0 && cp <= 0x06F9 && s.codePoints().anyMatch(c -> c >= 0x0660 && c <= 0x0669)) {
                    return "a mix of Arabic-Indic and extended Arabic-Indic digits (RFC 5892 appendix A.8)";
                }
                return null;
            }
        }
    }

    /** The Bidi Rule of RFC 5893 section 2, applied only to strings holding right-to-left characters. */
    private static void checkBidi(String s, String subject, String rules) {
        boolean rtl = s.codePoints().anyMatch(cp -> {
            byte d = Character.getDirectionality(cp);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
        });
        if (!rtl) {
            return;
        }
        int[] cps = s.codePoints().toArray();
        byte first = Character.getDirectionality(cps[0]);
        boolean rtlLabel = first == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || first == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        boolean ok = rtlLabel || first == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        boolean en = false;
        boolean an = false;
        int last = cps.length - 1;
        while (last > 0 && Character.getDirectionality(cps[last]) == Character.DIRECTIONALITY_NONSPACING_MARK) {
            last--;
        }
        for (int cp : cps) {
            byte d = Character.getDirectionality(cp);
            en |= d == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
            an |= d == Character.DIRECTIONALITY_ARABIC_NUMBER;
            boolean neutral = d == Character.DIRECTIONALITY_EUROPEAN_NUMBER
                    || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR
                    || d == Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR
                    || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR
                    || d == Character.DIRECTIONALITY_OTHER_NEUTRALS
                    || d == Character.DIRECTIONALITY_BOUNDARY_NEUTRAL
                    || d == Character.DIRECTIONALITY_NONSPACING_MARK;
            if (rtlLabel) {
                ok &= neutral || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                        || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
            } else {
                ok &= neutral || d == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            }
        }
        byte end = Character.getDirectionality(cps[last]);
        if (rtlLabel) {
            ok &= !(en && an) && (end == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || end == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER
                    || end == Character.DIRECTIONALITY_ARABIC_NUMBER);
        } else {
            ok &= end == Character.DIRECTIONALITY_LEFT_TO_RIGHT || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
        }
        if (!ok) {
            throw new JidFormatException(subject + " mixes text directions against the Bidi Rule (RFC 5893 section 2)"
                    + " required by " + rules);
        }
    }

    static String describe(int cp) {
        String name = switch (cp) {
            case ' ' -> "a space";
            case '"' -> "a quotation mark";
            case '&' -> "an ampersand";
            case '\'' -> "an apostrophe";
            case '/' -> "a slash";
            case ':' -> "a colon";
            case '<' -> "a less-than sign";
            case '>' -> "a greater-than sign";
            case '@' -> "an at sign";
            default -> null;
        };
        if (name != null) {
            return name + " (" + hex(cp) + ")";
        }
        if (cp >= 0x21 && cp <= 0x7E) {
            return "'" + (char) cp + "' (" + hex(cp) + ")";
        }
        return hex(cp);
    }

    static String hex(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
