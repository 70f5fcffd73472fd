package org.reactorxmpp.xmpp.xml;

/**
 * Character classes of XML 1.0 (fifth edition) used by the model, the reader and the writer.
 */
final class XmlChars {

    private XmlChars() {
    }

    /**
     * Whether a code point may appear in an XML 1.0 document.
     *
     * @param cp a Unicode code point
     * @return {@code true} for {@code #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]}
     */
    static boolean isLegal(int cp) {
        if (cp >= 0x20) {
            return cp <= 0xD7FF || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
        }
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    }

    static boolean isNameStart(int cp) {
        return cp == ':' || (cp >= 'A' && cp <= 'Z') || cp == '_' || (cp >= 'a' && cp <= 'z')
            || (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) || (cp >= 0xF8 && cp <= 0x2FF)
            || (cp >= 0x370 && cp <= 0x37D) || (cp >= 0x37F && cp <= 0x1FFF) || (cp >= 0x200C && cp <= 0x200D)
            || (cp >= 0x2070 && cp <= 0x218F) || (cp >= 0x2C00 && cp <= 0x2FEF) || (cp >= 0x3001 && cp <= 0xD7FF)
            || (cp >= 0xF900 && cp <= 0xFDCF) || (cp >= 0xFDF0 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0xEFFFF);
    }

    static boolean isNameChar(int cp) {
        return isNameStart(cp) || cp == '-' || cp == '.' || (cp >= '0' && cp <= '9') || cp == 0xB7
            || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x203F && cp <= 0x2040);
    }

    /**
     * Whether a string is an XML {@code Name}.
     *
     * @param s the candidate
     * @return {@code true} if non-empty and made of name characters, starting with a name-start one
     */
    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean first = true;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (first ? !isNameStart(cp) : !isNameChar(cp)) {
                return false;
            }
            first = false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Index of the first character that cannot appear in XML 1.0, or -1. Unpaired surrogates count
     * as illegal.
     *
     * @param s the text
     * @return the index of the offending char, or -1 when all are legal
     */
    static int firstIllegal(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (!isLegal(c) || Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
