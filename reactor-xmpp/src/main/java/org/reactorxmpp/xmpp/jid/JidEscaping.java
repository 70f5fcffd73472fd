package org.reactorxmpp.xmpp.jid;

/**
 * JID escaping (XEP-0106): shows in a localpart the ten characters RFC 7622 forbids there.
 *
 * <p>Escaping maps space {@code " & ' / : < > @} and backslash to {@code \20 \22 \26 \27 \2f \3a \3c
 * \3e \40 \5c}. A backslash is escaped only when it starts one of these ten sequences; any other
 * backslash is kept as is. Unescaping turns each of the ten sequences (lower-case hex, as escaping
 * writes them) back into its character and leaves anything else untouched.
 *
 * <pre>{@code
 * JidEscaping.escape("d'artagnan");       // d\27artagnan
 * JidEscaping.unescape("space\\20cadet"); // space cadet
 * BareJid.escaped("user@host", "gateway.example.com"); // user\40host@gateway.example.com
 * }</pre>
 */
public final class JidEscaping {

    private static final String CHARACTERS = " \"&'/:<>@\\";
    private static final String[] SEQUENCES = {"20", "22", "26", "27", "2f", "3a", "3c", "3e", "40", "5c"};

    private JidEscaping() {
    }

    /**
     * Escapes a local name for use as a localpart.
     *
     * @param localpart the unescaped name, such as {@code at&t guy}
     * @return the escaped localpart, such as {@code at\26t\20guy}
     * @throws JidFormatException when {@code localpart} is empty or starts or ends with a space (the
     *         result would start or end with {@code \20}, which XEP-0106 section 4.2 forbids)
     */
    public static String escape(String localpart) {
        if (localpart.isEmpty()) {
            throw new JidFormatException("cannot escape an empty localpart (XEP-0106)");
        }
        if (localpart.charAt(0) == ' ' || localpart.charAt(localpart.length() - 1) == ' ') {
            throw new JidFormatException("cannot escape '" + localpart
                    + "': a localpart must not start or end with a space (\\20), XEP-0106 section 4.2");
        }
        StringBuilder b = new StringBuilder(localpart.length() + 8);
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            int k = CHARACTERS.indexOf(c);
            if (k < 0 || (c == '\\' && sequenceAt(localpart, i) < 0)) {
                b.append(c);
            } else {
                b.append('\\').append(SEQUENCES[k]);
            }
        }
        return b.toString();
    }

    /**
     * Undoes {@link #escape(String)}, for display.
     *
     * @param localpart an escaped localpart, such as {@code c\3a\cool\20stuff}
     * @return the unescaped name, such as {@code c:\cool stuff}
     */
    public static String unescape(String localpart) {
        if (localpart.indexOf('\\') < 0) {
            return localpart;
        }
        StringBuilder b = new StringBuilder(localpart.length());
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            int k = c == '\\' ? sequenceAt(localpart, i) : -1;
            if (k < 0) {
                b.append(c);
            } else {
                b.append(CHARACTERS.charAt(k));
                i += 2;
            }
        }
        return b.toString();
    }

    /** Index in {@link #SEQUENCES} of the escape sequence starting with the backslash at {@code i}, or -1. */
    private static int sequenceAt(String s, int i) {
        if (i + 2 >= s.length()) {
            return -1;
        }
        for (int k = 0; k < SEQUENCES.length; k++) {
            if (s.startsWith(SEQUENCES[k], i + 1)) {
                return k;
            }
        }
        return -1;
    }
}
