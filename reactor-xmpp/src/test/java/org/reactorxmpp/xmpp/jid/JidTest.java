package org.reactorxmpp.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JidTest {

    /** RFC 7622 section 3.5 examples and more, in {@code jid/valid.csv}. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/jid/valid.csv", delimiter = '|', quoteCharacter = '~', numLinesToSkip = 1,
            ignoreLeadingAndTrailingWhitespace = false)
    void parsesValidJids(String input, String normalized, @Nullable String local, String domain,
            @Nullable String resource) {
        Jid jid = Jid.parse(input);

        assertThat(jid).hasToString(normalized);
        assertThat(jid.localpart()).isEqualTo(java.util.Optional.ofNullable(local));
        assertThat(jid.domainpart()).isEqualTo(domain);
        assertThat(jid.resourcepart()).isEqualTo(java.util.Optional.ofNullable(resource));
        assertThat(jid.isBare()).isEqualTo(resource == null);
        assertThat(jid).isInstanceOf(resource == null ? BareJid.class : FullJid.class);
        // the normalized form is a fixed point
        assertThat(Jid.parse(normalized)).isEqualTo(jid).hasSameHashCodeAs(jid).hasToString(normalized);
    }

    /** RFC 7622 section 3.6 examples and more, in {@code jid/invalid.csv}. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/jid/invalid.csv", delimiter = '|', quoteCharacter = '~', numLinesToSkip = 1,
            ignoreLeadingAndTrailingWhitespace = false)
    void rejectsInvalidJids(String input, String message) {
        assertThatThrownBy(() -> Jid.parse(input))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining(message);
        assertThat(Jid.tryParse(input)).isEmpty();
    }

    @Test
    void errorMessageNamesThePartAndTheRule() {
        assertThatThrownBy(() -> Jid.parse("a b@example.com"))
                .isInstanceOf(JidFormatException.class)
                .hasMessage("localpart of 'a b@example.com' contains a space (U+0020), forbidden by RFC 7622 section 3.3.1");
        assertThatThrownBy(() -> BareJid.of("a b", "example.com"))
                .hasMessageStartingWith("localpart 'a b' contains a space (U+0020)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Juliet@Example.com/r     | juliet@EXAMPLE.COM./r
            Σ@example.com            | σ@example.com
            ｊｕｌｉｅｔ@example.com  | juliet@example.com
            juliet@xn--bcher-kva.example | juliet@Bücher.example
            [2001:DB8::1]            | [2001:db8::1]
            """)
    void equivalentFormsAreEqual(String a, String b) {
        assertThat(Jid.parse(a)).isEqualTo(Jid.parse(b)).hasSameHashCodeAs(Jid.parse(b));
        assertThat(Jid.parse(a).compareTo(Jid.parse(b))).isZero();
    }

    @Test
    void composedAndDecomposedFormsAreEqual() {
        Jid decomposed = Jid.parse("e\u0301lodie@example.com/Re\u0301sume\u0301");
        Jid composed = Jid.parse("\u00e9lodie@example.com/R\u00e9sum\u00e9");

        assertThat(decomposed).isEqualTo(composed);
        assertThat(decomposed.localpart()).contains("\u00e9lodie");
        assertThat(decomposed.resourcepart()).contains("R\u00e9sum\u00e9");
    }

    @Test
    void sigmaVariantsStayDistinct() {
        assertThat(Jid.parse("σ@example.com")).isNotEqualTo(Jid.parse("ς@example.com"));
        assertThat(Jid.parse("fussball@example.com")).isNotEqualTo(Jid.parse("fußball@example.com"));
    }

    @Test
    void resourcepartIsCaseSensitive() {
        assertThat(Jid.parse("juliet@example.com/Balcony")).isNotEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void bareAndFullWithTheSameTextAreNeverEqual() {
        BareJid bare = BareJid.parse("juliet@example.com");
        FullJid full = bare.withResource("r");
        assertThat((Object) full).isNotEqualTo(bare);
        assertThat(full.asBare()).isEqualTo(bare);
    }

    @Test
    void resourcepartMapsNonAsciiSpacesToSpace() {
        FullJid jid = FullJid.parse("juliet@example.com/foo\u00a0bar\u2003baz");
        assertThat(jid.resource()).isEqualTo("foo bar baz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a😀b", "Ⅳ", "¼", "a_b", "x!#$%*+-=?^`{}~.y", "O'Neil's phone", "\u00e9t\u00e9"})
    void resourcepartAcceptsFreeformText(String resource) {
        FullJid jid = FullJid.of("juliet", "example.com", resource);
        assertThat(jid.resource()).isEqualTo(resource);
        assertThat(Jid.parse(jid.toString())).isEqualTo(jid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a\u0007b      | a control character (U+0007)
            a\tb          | a control character (U+0009)
            a\u200bb      | a default-ignorable character (U+200B)
            a\u200db      | a joiner
            a\ue000b      | a private-use character (U+E000)
            a\u2028b      | a line or paragraph separator (U+2028)
            a\ufffeb      | (U+FFFE)
            a\u1100b      | an old Hangul jamo (U+1100)
            """)
    void resourcepartRejectsControlsAndInvisibles(String resource, String problem) {
        assertThatThrownBy(() -> Jid.parse("juliet@example.com/" + resource))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("resourcepart of")
                .hasMessageContaining(problem)
                .hasMessageContaining("OpaqueString");
    }

    @Test
    void resourcepartRejectsAnUnpairedSurrogate() {
        assertThatThrownBy(() -> Jid.parse("juliet@example.com/a\ud800"))
                .hasMessageContaining("an unpaired surrogate (U+D800)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a\u0007b                | a control character (U+0007)
            a\tb                    | a control character (U+0009)
            a\u00a0b                | a space (U+00A0)
            a\u200db                | a joiner
            a\u00adb                | a default-ignorable character (U+00AD)
            a\ue000b                | a private-use character (U+E000)
            a\u2014b                | a punctuation character (U+2014)
            a😀b                    | a symbol (U+1F600)
            \u16ee                  | a letter or digit outside LetterDigits (U+16EE)
            a\u20dd                 | a letter or digit outside LetterDigits (U+20DD)
            ﬁ                       | a character with a compatibility equivalent (U+FB01)
            a\u00b7b                | a middle dot not between two 'l'
            a\u0640b                | exceptions (U+0640)
            aשלום                   | Bidi Rule
            \u0375a                 | a keraia not followed by Greek
            a\u05f3                 | a geresh not preceded by Hebrew
            a\u30fb                 | a katakana middle dot without Japanese text
            \u0661\u06f1            | a mix of Arabic-Indic and extended Arabic-Indic digits
            """)
    void localpartRejectsCodePointsOutsideIdentifierClass(String local, String problem) {
        assertThatThrownBy(() -> Jid.parse(local + "@example.com"))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("localpart of")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"l\u00b7l", "\u0375\u03b1", "\u05d0\u05f3", "\u30fb\u30a2", "\u3007", "שלום", "مرحبا", "日本語", "한국어", "a!#$%*+-=?^_`{|}~.\\b", "0123"})
    void localpartAcceptsIdentifierClassText(String local) {
        BareJid jid = BareJid.of(local, "example.com");
        assertThat(jid.localpart()).contains(local);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localpart", "resourcepart"})
    void partsAreLimitedTo1023Octets(String which) {
        boolean local = which.equals("localpart");
        assertThat(jidWith(local, "a".repeat(1023))).isNotNull();
        assertThatThrownBy(() -> jidWith(local, "a".repeat(1024)))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining(which + " of")
                .hasMessageContaining("1024 octets")
                .hasMessageContaining("RFC 7622 section 3.1");
        // octets, not characters: 'é' is two octets in UTF-8
        assertThat(jidWith(local, "\u00e9".repeat(511) + "a")).isNotNull();
        assertThatThrownBy(() -> jidWith(local, "\u00e9".repeat(512)))
                .hasMessageContaining("1024 octets");
    }

    private static Jid jidWith(boolean local, String part) {
        return Jid.parse(local ? part + "@example.com" : "example.com/" + part);
    }

    @Test
    void domainpartIsLimitedTo1023OctetsAndLabelsTo63() {
        String label63 = "a".repeat(63);
        String domain1023 = String.join(".", Collections.nCopies(16, label63)); // 16 * 64 - 1
        assertThat(Jid.parse(domain1023).domainpart()).hasSize(1023);
        assertThatThrownBy(() -> Jid.parse(domain1023 + ".b"))
                .hasMessageContaining("domainpart of")
                .hasMessageContaining("1025 octets");
        assertThatThrownBy(() -> Jid.parse("a".repeat(64) + ".example"))
                .hasMessageContaining("label of 64 octets");
        assertThatThrownBy(() -> Jid.parse("b\u00fccher" + "a".repeat(60) + ".example"))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("domainpart of")
                .hasMessageContaining("label 'b\u00fccher");
    }

    @Test
    void asBareAndWithResource() {
        FullJid full = FullJid.parse("juliet@example.com/balcony");
        BareJid bare = full.asBare();

        assertThat(bare).hasToString("juliet@example.com");
        assertThat(bare.asBare()).isSameAs(bare);
        assertThat(bare.isBare()).isTrue();
        assertThat(full.isBare()).isFalse();
        assertThat(full.resource()).isEqualTo("balcony");
        assertThat(bare.withResource("balcony")).isEqualTo(full);
        assertThat(full.withResource("orchard")).hasToString("juliet@example.com/orchard");
        assertThat(Jid.domain("Example.COM").withResource("x")).hasToString("example.com/x");
        assertThatThrownBy(() -> bare.withResource("")).hasMessageContaining("resourcepart '' is empty");
    }

    @Test
    void typedParsersRejectTheOtherKind() {
        assertThatThrownBy(() -> BareJid.parse("juliet@example.com/r"))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("has a resourcepart");
        assertThatThrownBy(() -> FullJid.parse("juliet@example.com"))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("has no resourcepart");
    }

    @Test
    void factoriesNormalizeLikeParse() {
        assertThat(BareJid.of("Juliet", "EXAMPLE.com.")).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(BareJid.of(null, "example.com")).isEqualTo(Jid.domain("example.com"));
        assertThat(FullJid.of(null, "example.com", "r")).isEqualTo(Jid.parse("example.com/r"));
        assertThatThrownBy(() -> BareJid.of("", "example.com")).hasMessageContaining("localpart '' is empty");
        assertThatThrownBy(() -> BareJid.of("a@b", "example.com")).hasMessageContaining("an at sign (U+0040)");
    }

    @Test
    void tryParseHandlesNull() {
        assertThat(Jid.tryParse(null)).isEmpty();
        assertThat(Jid.tryParse("example.com")).contains(Jid.domain("example.com"));
    }

    @Test
    void ordersByDomainThenLocalThenResource() {
        List<Jid> jids = new ArrayList<>(List.of(
                Jid.parse("b@b.example/r"), Jid.parse("a@b.example"), Jid.parse("b.example"),
                Jid.parse("z@a.example"), Jid.parse("b@b.example"), Jid.parse("b.example/r")));
        Collections.sort(jids);

        assertThat(jids).extracting(Jid::toString).containsExactly(
                "z@a.example", "b.example", "b.example/r", "a@b.example", "b@b.example", "b@b.example/r");
    }
}
