package org.reactorxmpp.xmpp.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/** Encoding helpers shared by the mechanisms. Package-private. */
final class SaslText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SaslText() {
    }

    /** Decodes strict UTF-8; invalid bytes are a malformed challenge. */
    static String decodeUtf8(byte[] bytes, String mechanism) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            throw new SaslException(SaslCondition.MALFORMED_CHALLENGE,
                mechanism + ": the server's data is not valid UTF-8");
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encodes characters without making a String of them, so that the only copies of a password
     * are arrays the caller can zero.
     */
    static byte[] encode(char[] chars, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password cannot be encoded in " + charset);
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return out;
    }

    /**
     * An approximation of SASLprep (RFC 4013) for the password: non-ASCII spaces become SPACE,
     * characters "commonly mapped to nothing" are removed, then NFKC. Prohibited-character and
     * bidi checks are left to the server. Returns the UTF-8 bytes, which the caller must zero.
     */
    static byte[] saslPrepPassword(char[] password) {
        boolean ascii = true;
        for (char c : password) {
            if (c >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            // NFKC and the mappings leave ASCII unchanged: avoid creating an immutable String copy
            return encode(password, StandardCharsets.UTF_8);
        }
        StringBuilder mapped = new StringBuilder(password.length);
        for (char c : password) {
            if (isMappedToNothing(c)) {
                continue;
            }
            mapped.append(isNonAsciiSpace(c) ? ' ' : c);
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < mapped.length(); i++) {
            mapped.setCharAt(i, '\0');
        }
        return normalized.getBytes(StandardCharsets.UTF_8);
    }

    /** SASLprep approximation for names (NFKC), then SCRAM's saslname escaping of '=' and ','. */
    static String scramName(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(normalized.length() + 8);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '=') {
                sb.append("=3D");
            } else if (c == ',') {
                sb.append("=2C");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isNonAsciiSpace(char c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F
            || c == 0x205F || c == 0x3000;
    }

    private static boolean isMappedToNothing(char c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D)
            || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /** Makes server-supplied text safe for an exception message: control characters replaced, length capped. */
    static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
