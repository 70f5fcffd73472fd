package org.reactorxmpp.xmpp.testing;

import java.nio.charset.StandardCharsets;

/** Lua literal helpers for the generated Prosody files. */
final class Lua {

    private Lua() {
    }

    /** A double-quoted Lua string literal; bytes outside printable ASCII become decimal escapes. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\%03d", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }
}
