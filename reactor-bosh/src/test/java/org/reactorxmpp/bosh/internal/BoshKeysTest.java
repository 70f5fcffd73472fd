package org.reactorxmpp.bosh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BoshKeysTest {

    @Test
    void sha1HexIsLowerCaseHexOfTheAsciiBytes() {
        // SHA-1("abc") from FIPS 180-2 appendix A.1
        assertThat(BoshKeys.sha1Hex("abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void chainHasTheHashProperty() {
        String[] chain = BoshKeys.chain("seed", 6);
        assertThat(chain[0]).isEqualTo(BoshKeys.sha1Hex("seed"));
        for (int i = 1; i < chain.length; i++) {
            assertThat(BoshKeys.sha1Hex(chain[i - 1])).isEqualTo(chain[i]);
        }
        assertThat(chain).allSatisfy(k -> assertThat(k).matches("[0-9a-f]{40}"));
    }

    @Test
    void eachRevealedKeyHashesToThePreviousKeyOrNewkeyAcrossRekeys() {
        BoshKeys keys = BoshKeys.create(5);
        String expected = keys.newkey();
        int rekeys = 0;
        Set<String> seen = new HashSet<>();
        seen.add(expected);
        List<Integer> rekeyAt = new ArrayList<>();
        for (int request = 1; request <= 13; request++) {
            BoshKeys.Attributes a = keys.next();
            assertThat(a.key()).matches("[0-9a-f]{40}");
            assertThat(BoshKeys.sha1Hex(a.key())).isEqualTo(expected);
            assertThat(seen.add(a.key())).as("a key is never revealed twice").isTrue();
            if (a.newkey() != null) {
                rekeys++;
                rekeyAt.add(request);
                assertThat(a.newkey()).matches("[0-9a-f]{40}");
                assertThat(seen.add(a.newkey())).isTrue();
                expected = a.newkey();
            } else {
                expected = a.key();
            }
        }
        // K(5) announced; K(4), K(3), K(2) revealed; K(1) comes with the next sequence's K(5)
        assertThat(rekeyAt).containsExactly(4, 8, 12);
        assertThat(rekeys).isEqualTo(3);
    }

    @Test
    void remainingKeysResumeTheSameSequence() {
        BoshKeys keys = BoshKeys.create(6);
        keys.newkey();
        BoshKeys.Attributes last = keys.next();
        List<String> remaining = keys.remaining();
        assertThat(remaining).hasSize(4);
        assertThat(BoshKeys.sha1Hex(remaining.get(remaining.size() - 1))).isEqualTo(last.key());

        BoshKeys resumed = BoshKeys.resume(remaining, 6);
        BoshKeys.Attributes a = keys.next();
        BoshKeys.Attributes b = resumed.next();
        assertThat(b.key()).isEqualTo(a.key());
    }

    @Test
    void theXep0124ExampleKeysFollowEachOther() {
        // XEP-0124 section 15 examples: newkey at creation, then key, then key with a new sequence's newkey
        String created = "ca393b51b682f61f98e7877d61146407f3d0a770";
        String second = "bfb06a6f113cd6fd3838ab9d300fdb4fe3da2f7d";
        String third = "6f825e81f4532b2c5fa2d12457d8a1f22e8f838e";
        assertThat(BoshKeys.sha1Hex(second)).isEqualTo(created);
        assertThat(BoshKeys.sha1Hex(third)).isEqualTo(second);

        BoshKeys keys = BoshKeys.resume(List.of(third, second), 4);
        assertThat(keys.next()).isEqualTo(new BoshKeys.Attributes(second, null));
        BoshKeys.Attributes last = keys.next();
        assertThat(last.key()).isEqualTo(third);
        assertThat(last.newkey()).matches("[0-9a-f]{40}");
        assertThat(keys.remaining()).hasSize(3);
        assertThat(BoshKeys.sha1Hex(keys.remaining().get(2))).isEqualTo(last.newkey());
    }

    @Test
    void resumeRejectsWhatIsNotAChain() {
        assertThatThrownBy(() -> BoshKeys.resume(List.of(), 5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no BOSH keys");
        String[] chain = BoshKeys.chain("x", 3);
        assertThatThrownBy(() -> BoshKeys.resume(List.of(chain[0], chain[2]), 5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chain");
        assertThatThrownBy(() -> BoshKeys.create(1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
