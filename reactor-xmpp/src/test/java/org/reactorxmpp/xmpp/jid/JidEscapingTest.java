package org.reactorxmpp.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class JidEscapingTest {

    /** The XEP-0106 section 5 examples table, typed from the spec, in {@code jid/escaping.csv}. */
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvFileSource(resources = "/jid/escaping.csv", delimiter = '|', quoteCharacter = '~', numLinesToSkip = 1,
            ignoreLeadingAndTrailingWhitespace = false)
    void escapesAndUnescapesTheXepTable(String unescaped, String escaped) {
        assertThat(JidEscaping.escape(unescaped)).isEqualTo(escaped);
        assertThat(JidEscaping.unescape(escaped)).isEqualTo(unescaped);
    }

    @ParameterizedTest(name = "{0}@example.com")
    @CsvFileSource(resources = "/jid/escaping.csv", delimiter = '|', quoteCharacter = '~', numLinesToSkip = 1,
            ignoreLeadingAndTrailingWhitespace = false)
    void escapedLocalpartsAreValidJids(String unescaped, String escaped) {
        BareJid jid = BareJid.escaped(unescaped, "example.com");

        assertThat(jid).hasToString(escaped + "@example.com");
        assertThat(Jid.parse(escaped + "@example.com")).isEqualTo(jid);
        assertThat(jid.unescapedLocalpart()).contains(unescaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {" space", "space ", " ", "  both  "})
    void leadingOrTrailingSpaceCannotBeEscaped(String raw) {
        assertThatThrownBy(() -> JidEscaping.escape(raw))
                .isInstanceOf(JidFormatException.class)
                .hasMessageContaining("must not start or end with a space")
                .hasMessageContaining("XEP-0106");
    }

    @Test
    void emptyLocalpartCannotBeEscaped() {
        assertThatThrownBy(() -> JidEscaping.escape("")).isInstanceOf(JidFormatException.class);
    }

    @Test
    void everyEscapableCharacterMapsToItsSequence() {
        assertThat(JidEscaping.escape("a b\"c&d'e/f:g<h>i@j\\20k"))
                .isEqualTo("a\\20b\\22c\\26d\\27e\\2ff\\3ag\\3ch\\3ei\\40j\\5c20k");
    }

    @Test
    void backslashNotStartingASequenceIsKept() {
        assertThat(JidEscaping.escape("a\\b")).isEqualTo("a\\b");
        assertThat(JidEscaping.escape("a\\")).isEqualTo("a\\");
        assertThat(JidEscaping.escape("a\\2")).isEqualTo("a\\2");
        assertThat(JidEscaping.escape("a\\40")).isEqualTo("a\\5c40");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a\\b", "trailing\\", "short\\2", "not\\zzhex", "\\41", "\\"})
    void unescapeLeavesAnythingButTheTenSequences(String text) {
        assertThat(JidEscaping.unescape(text)).isEqualTo(text);
    }

    @Test
    void nonAsciiPassesThrough() {
        assertThat(JidEscaping.escape("fußball fan")).isEqualTo("fußball\\20fan");
        assertThat(JidEscaping.unescape("fußball\\20fan")).isEqualTo("fußball fan");
    }

    @Test
    void escapeThenUnescapeRoundTrips() {
        String raw = "o'hara@mail.example.org \\5c";
        assertThat(JidEscaping.unescape(JidEscaping.escape(raw))).isEqualTo(raw);
    }
}
