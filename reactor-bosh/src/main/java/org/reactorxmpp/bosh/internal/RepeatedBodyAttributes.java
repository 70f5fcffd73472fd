package org.reactorxmpp.bosh.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;

/**
 * The one well-formedness error of a connection manager that is tolerated: a {@code <body>} start tag that repeats
 * an attribute with the same value. ejabberd 23.01 builds a response's attributes by prepending
 * {@code type='terminate' condition='remote-stream-error'} for each stream error, stream end or stream-level error
 * it finds among the elements it sends ({@code encode_body/2} in {@code ejabberd_bosh.erl}), so a body that carries
 * a {@code <stream:error/>} and the stream's end, or that answers a terminate, comes with {@code type} and
 * {@code condition} twice. Strict parsing turned that into a {@code PROTOCOL_VIOLATION} and lost what the body
 * says: the stream error's own condition ({@code conflict}, {@code policy-violation}, {@code connection-timeout}
 * ...), which the session maps to a typed {@code StreamErrorException}. The repair runs only after strict parsing
 * failed (nothing is copied on the normal path), only on the root {@code <body>} start tag, and only for repeats
 * with the same value: a repeat with another value is still fatal, with a {@link BoshException} of
 * {@link BoshCondition#PROTOCOL_VIOLATION} that names the attribute and both values.
 */
final class RepeatedBodyAttributes {

    private RepeatedBodyAttributes() {
    }

    /** The result of a repair: the bytes without the repeats, and the names of the repeated attributes. */
    record Repaired(byte[] bytes, List<String> names) {
    }

    /**
     * @param xml a response that failed strict parsing
     * @return it without the repeated attributes of its {@code <body>} start tag, or {@code null} when that start
     *     tag repeats none (the error is something else) or cannot be read
     * @throws BoshException when an attribute is repeated with another value
     */
    static @Nullable Repaired repair(byte[] xml) {
        int i = skipProlog(xml);
        if (i < 0 || i >= xml.length || xml[i] != '<') {
            return null;
        }
        int nameEnd = i + 1;
        while (nameEnd < xml.length && !isSpace(xml[nameEnd]) && xml[nameEnd] != '>' && xml[nameEnd] != '/') {
            nameEnd++;
        }
        String name = ascii(xml, i + 1, nameEnd);
        if (!name.equals("body") && !name.endsWith(":body")) {
            return null;
        }
        Map<String, String> seen = new HashMap<>();
        List<int[]> cuts = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        int p = nameEnd;
        while (true) {
            int attrStart = p;
            while (p < xml.length && isSpace(xml[p])) {
                p++;
            }
            if (p >= xml.length) {
                return null;
            }
            if (xml[p] == '>' || xml[p] == '/') {
                break;
            }
            int n0 = p;
            while (p < xml.length && xml[p] != '=' && !isSpace(xml[p]) && xml[p] != '>') {
                p++;
            }
            String attr = ascii(xml, n0, p);
            while (p < xml.length && isSpace(xml[p])) {
                p++;
            }
            if (p >= xml.length || xml[p] != '=') {
                return null;
            }
            p++;
            while (p < xml.length && isSpace(xml[p])) {
                p++;
            }
            if (p >= xml.length || (xml[p] != '\'' && xml[p] != '"')) {
                return null;
            }
            byte quote = xml[p];
            int v0 = ++p;
            while (p < xml.length && xml[p] != quote) {
                p++;
            }
            if (p >= xml.length) {
                return null;
            }
            String value = new String(xml, v0, p - v0, StandardCharsets.UTF_8);
            p++;
            String before = seen.putIfAbsent(attr, value);
            if (before != null) {
                if (!before.equals(value)) {
                    throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION, "BOSH response <body> repeats the"
                        + " attribute '" + attr + "' with different values ('" + before + "', '" + value + "')", null);
                }
                cuts.add(new int[] {attrStart, p});
                if (!repeated.contains(attr)) {
                    repeated.add(attr);
                }
            }
        }
        if (cuts.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length);
        int from = 0;
        for (int[] cut : cuts) {
            out.write(xml, from, cut[0] - from);
            from = cut[1];
        }
        out.write(xml, from, xml.length - from);
        return new Repaired(out.toByteArray(), List.copyOf(repeated));
    }

    /** @return the index of the root element's {@code <}, past a BOM, an XML declaration and white space */
    private static int skipProlog(byte[] xml) {
        int i = 0;
        if (xml.length >= 3 && (xml[0] & 0xff) == 0xef && (xml[1] & 0xff) == 0xbb && (xml[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < xml.length && isSpace(xml[i])) {
            i++;
        }
        if (i + 1 < xml.length && xml[i] == '<' && xml[i + 1] == '?') {
            while (i + 1 < xml.length && !(xml[i] == '?' && xml[i + 1] == '>')) {
                i++;
            }
            i += 2;
            while (i < xml.length && isSpace(xml[i])) {
                i++;
            }
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static String ascii(byte[] xml, int from, int to) {
        return new String(xml, from, to - from, StandardCharsets.UTF_8);
    }
}
