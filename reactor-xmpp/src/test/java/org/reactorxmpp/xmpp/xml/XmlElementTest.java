package org.reactorxmpp.xmpp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class XmlElementTest {

    private static final String CLIENT = "jabber:client";
    private static final XmlName BODY = XmlName.of(CLIENT, "body");

    private static XmlElement message() {
        return XmlElement.builder(CLIENT, "message")
            .attribute("to", "juliet@example.com")
            .attribute("type", "chat")
            .attribute(XmlName.XML_LANG, "en")
            .textChild(CLIENT, "body", "Art thou not Romeo?")
            .child(XmlElement.empty("http://jabber.org/protocol/chatstates", "active"))
            .build();
    }

    @Test
    void builderSetsNameAttributesAndChildren() {
        XmlElement m = message();
        assertThat(m.name()).isEqualTo(XmlName.of(CLIENT, "message"));
        assertThat(m.namespace()).isEqualTo(CLIENT);
        assertThat(m.localName()).isEqualTo("message");
        assertThat(m.is(CLIENT, "message")).isTrue();
        assertThat(m.is(CLIENT, "presence")).isFalse();
        assertThat(m.attribute("to")).isEqualTo("juliet@example.com");
        assertThat(m.attribute(XmlName.XML_LANG)).isEqualTo("en");
        assertThat(m.attribute(XmlName.of(XmlName.XML_NS, "lang"))).isEqualTo("en");
        assertThat(m.attribute("lang")).isNull();
        assertThat(m.attribute("from")).isNull();
        assertThat(m.attributes().keySet()).extracting(XmlName::localName).containsExactly("to", "type", "lang");
        assertThat(m.children()).hasSize(2);
    }

    @Test
    void nullAttributeValueRemovesIt() {
        XmlElement e = XmlElement.builder("", "a").attribute("x", "1").attribute("y", 2).attribute("x", null).build();
        assertThat(e.attributes()).containsOnlyKeys(XmlName.of("y"));
        assertThat(e.attribute("y")).isEqualTo("2");
    }

    @Test
    void builtElementIsImmutableAndIndependentOfItsBuilder() {
        XmlElement.Builder b = XmlElement.builder("", "a").attribute("x", "1").text("t");
        XmlElement first = b.build();
        b.attribute("y", "2").text("u");
        assertThat(first.attributes()).hasSize(1);
        assertThat(first.children()).hasSize(1);
        assertThatThrownBy(() -> first.children().add(new XmlText("x"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.attributes().put(XmlName.of("z"), "z"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIgnoresAttributeOrder() {
        XmlElement a = XmlElement.builder("urn:x", "e").attribute("a", "1").attribute("b", "2").build();
        XmlElement b = XmlElement.builder("urn:x", "e").attribute("b", "2").attribute("a", "1").build();
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void equalityMergesAdjacentTextRunsAndIgnoresEmptyOnes() {
        XmlElement split = XmlElement.builder("", "e").text("Hello, ").text("").text("world").build();
        XmlElement whole = XmlElement.builder("", "e").text("Hello, world").build();
        assertThat(split).isEqualTo(whole);
        assertThat(split.hashCode()).isEqualTo(whole.hashCode());
        assertThat(XmlElement.builder("", "e").text("").build()).isEqualTo(XmlElement.empty("", "e"));
    }

    @Test
    void equalityIsSensitiveToWhatMatters() {
        XmlElement base = message();
        assertThat(base).isEqualTo(message()).hasSameHashCodeAs(message());
        assertThat(base).isNotEqualTo(base.toBuilder().attribute("type", "normal").build());
        assertThat(base).isNotEqualTo(base.toBuilder().attribute("id", "x").build());
        assertThat(base).isNotEqualTo(base.toBuilder().text(" ").build());
        assertThat(base).isNotEqualTo(XmlElement.builder("jabber:server", "message").build());
        // child order matters
        XmlElement ab = XmlElement.builder("", "p").child(XmlElement.empty("", "a")).child(XmlElement.empty("", "b")).build();
        XmlElement ba = XmlElement.builder("", "p").child(XmlElement.empty("", "b")).child(XmlElement.empty("", "a")).build();
        assertThat(ab).isNotEqualTo(ba);
        // text on either side of an element is not merged across it
        XmlElement t1 = XmlElement.builder("", "p").text("x").child(XmlElement.empty("", "a")).text("y").build();
        XmlElement t2 = XmlElement.builder("", "p").text("xy").child(XmlElement.empty("", "a")).build();
        assertThat(t1).isNotEqualTo(t2);
        assertThat(base).isNotEqualTo("not an element");
    }

    @Test
    void prefixIsOnlyAHint() {
        XmlElement a = XmlElement.builder("", "e").attribute(XmlName.of("urn:xmpp:xbosh", "version", "xmpp"), "1.0").build();
        XmlElement b = XmlElement.builder("", "e").attribute(XmlName.of("urn:xmpp:xbosh", "version", "other"), "1.0").build();
        assertThat(a).isEqualTo(b);
        assertThat(a.attribute(XmlName.of("urn:xmpp:xbosh", "version"))).isEqualTo("1.0");
    }

    @Test
    void toBuilderCopiesEverythingAndLeavesTheOriginalAlone() {
        XmlElement m = message();
        XmlElement copy = m.toBuilder().build();
        assertThat(copy).isEqualTo(m);
        XmlElement changed = m.toBuilder().removeChildren(BODY).attribute("id", "m1").build();
        assertThat(changed.element(BODY)).isNull();
        assertThat(changed.attribute("id")).isEqualTo("m1");
        assertThat(changed.attribute("to")).isEqualTo("juliet@example.com");
        assertThat(m.element(BODY)).isNotNull();
        assertThat(m.attribute("id")).isNull();
    }

    @Test
    void elementLookups() {
        XmlElement iq = XmlElement.builder(CLIENT, "iq")
            .text("\n  ")
            .child(XmlElement.builder("jabber:iq:roster", "query")
                .child(XmlElement.builder("jabber:iq:roster", "item").attribute("jid", "a@x").build())
                .child(XmlElement.builder("jabber:iq:roster", "item").attribute("jid", "b@x").build())
                .build())
            .child(XmlElement.empty("urn:x", "other"))
            .build();
        XmlName query = XmlName.of("jabber:iq:roster", "query");
        assertThat(iq.elements()).extracting(XmlElement::localName).containsExactly("query", "other");
        assertThat(iq.element(query)).isNotNull();
        assertThat(iq.element("jabber:iq:roster", "query")).isSameAs(iq.element(query));
        assertThat(iq.element("jabber:client", "query")).isNull();
        assertThat(iq.element(XmlName.of("urn:x", "missing"))).isNull();
        assertThat(iq.elementIn("urn:x")).get().extracting(XmlElement::localName).isEqualTo("other");
        assertThat(iq.elementIn("urn:none")).isEmpty();
        List<String> jids = iq.element(query).elements(XmlName.of("jabber:iq:roster", "item"))
            .map(e -> e.attribute("jid")).toList();
        assertThat(jids).containsExactly("a@x", "b@x");
    }

    @Test
    void textConcatenatesDirectTextChildrenOnly() {
        XmlElement e = XmlElement.builder("", "p")
            .text("a")
            .child(XmlElement.builder("", "b").text("nested").build())
            .text("b")
            .text("c")
            .build();
        assertThat(e.text()).isEqualTo("abc");
        assertThat(XmlElement.empty("", "p").text()).isEmpty();
        assertThat(XmlElement.builder("", "p").text("only").build().text()).isEqualTo("only");
        XmlElement m = message();
        assertThat(m.childText(BODY)).isEqualTo("Art thou not Romeo?");
        assertThat(m.childText(XmlName.of(CLIENT, "subject"))).isNull();
    }

    @Test
    void textChildWithNullAddsNothing() {
        XmlElement e = XmlElement.builder("", "p").textChild("", "x", null).build();
        assertThat(e.children()).isEmpty();
    }

    @Test
    void invalidNamesAreRefused() {
        assertThatThrownBy(() -> XmlName.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlName.of("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlName.of("1abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlName.of("urn:x", "a", "bad prefix")).isInstanceOf(IllegalArgumentException.class);
        assertThat(XmlName.of(XmlName.XML_NS, "lang", "other").prefix()).isEqualTo("xml");
    }

    @Test
    void toStringIsTheSerializedXml() {
        assertThat(XmlElement.builder(CLIENT, "presence").attribute("type", "unavailable").build())
            .hasToString("<presence xmlns=\"jabber:client\" type=\"unavailable\"/>");
        assertThat(XmlName.of(CLIENT, "body")).hasToString("{jabber:client}body");
        assertThat(XmlName.of("to")).hasToString("to");
    }

    @Test
    void aBuilderChangedAfterBuildLeavesTheBuiltElementAsItWas() {
        XmlElement.Builder b = XmlElement.builder("urn:test", "e").attribute("a", "1").text("x");
        XmlElement first = b.build();
        b.attribute("a", "2").attribute("b", "3").child(XmlElement.empty("urn:test", "c")).text("y");
        XmlElement second = b.build();
        b.removeChildren(XmlName.of("urn:test", "c")).attribute("a", null);
        XmlElement third = b.build();

        assertThat(first.attributes()).containsExactly(org.assertj.core.api.Assertions.entry(XmlName.of("a"), "1"));
        assertThat(first.children()).hasSize(1);
        assertThat(first.text()).isEqualTo("x");
        assertThat(second.attribute("a")).isEqualTo("2");
        assertThat(second.attribute("b")).isEqualTo("3");
        assertThat(second.children()).hasSize(3);
        assertThat(third.attribute("a")).isNull();
        assertThat(third.children()).hasSize(2);
        assertThat(third.text()).isEqualTo("xy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.attributes().put(XmlName.of("z"), "z"))
            .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.children().clear())
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributesViewBehavesAsAnOrderedUnmodifiableMap() {
        XmlElement e = XmlElement.builder("urn:x", "e").attribute("a", "1").attribute("b", "2").attribute("c", "3")
            .attribute("b", "two").attribute("a", null).attribute("d", "4").build();
        java.util.Map<XmlName, String> expected = new java.util.LinkedHashMap<>();
        expected.put(XmlName.of("b"), "two");
        expected.put(XmlName.of("c"), "3");
        expected.put(XmlName.of("d"), "4");
        // replacing keeps the position, removing closes the gap, adding appends
        assertThat(e.attributes()).containsExactlyEntriesOf(expected);
        assertThat(e.attributes()).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(e.attributes());
        assertThat(e.attributes().get(XmlName.of("c"))).isEqualTo("3");
        assertThat(e.attributes().get("c")).isNull();
        assertThat(e.attributes().containsKey(XmlName.of("a"))).isFalse();
        assertThat(XmlElement.empty("urn:x", "e").attributes()).isEmpty();
        assertThatThrownBy(() -> e.attributes().remove(XmlName.of("b"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.attributes().entrySet().iterator().remove())
            .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.attributes().entrySet().iterator().next().setValue("x"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hashCodeIsTheSameForAnElementReadAndAnElementBuilt() {
        XmlElement built = message();
        XmlElement read = XmlReader.create().read(built.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(read.attributes()).isEqualTo(built.attributes());
        assertThat(read.children()).isEqualTo(built.children());
    }

    @Test
    void everyBuildOfAReusedBuilderIsIndependent() {
        XmlElement.Builder b = XmlElement.builder("urn:x", "e");
        List<XmlElement> built = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            b.attribute("a" + i, i).text("t" + i);
            built.add(b.build());
        }
        b.removeChildren(XmlName.of("urn:x", "none")).attribute("a0", null);
        for (int i = 0; i < 20; i++) {
            XmlElement e = built.get(i);
            assertThat(e.attributes()).hasSize(i + 1).containsEntry(XmlName.of("a0"), "0");
            assertThat(e.children()).hasSize(i + 1);
            assertThat(e.text()).endsWith("t" + i);
        }
        XmlElement last = b.build();
        assertThat(last.attributes()).hasSize(19).doesNotContainKey(XmlName.of("a0"));
        // toBuilder shares the arrays until the first change, which copies them
        XmlElement copy = last.toBuilder().attribute("a1", "changed").removeChildren(XmlName.of("urn:x", "none"))
            .text("more").build();
        assertThat(last.attribute("a1")).isEqualTo("1");
        assertThat(last.children()).hasSize(20);
        assertThat(copy.attribute("a1")).isEqualTo("changed");
        assertThat(copy.children()).hasSize(21);
    }

    @Test
    void namesAreSharedButNeverMoreThanTheTableHolds() {
        assertThat(XmlName.of("urn:x", "shared")).isSameAs(XmlName.of("urn:x", "shared"));
        assertThat(XmlName.of("to")).isSameAs(XmlName.of(new String("to".toCharArray())));
        // a prefix is remembered with the name: a different hint gives a name that keeps its own
        XmlName p = XmlName.of("urn:x", "v", "p");
        XmlName q = XmlName.of("urn:x", "v", "q");
        assertThat(p).isEqualTo(q);
        assertThat(p.prefix()).isEqualTo("p");
        assertThat(q.prefix()).isEqualTo("q");
        assertThat(XmlName.of("urn:x", "v", "p").prefix()).isEqualTo("p");
        // names from the wire cannot grow the table: 100,000 distinct names later it holds no more than before
        for (int i = 0; i < 100_000; i++) {
            XmlName n = XmlName.of("urn:flood:" + i, "n" + i);
            assertThat(n.localName()).isEqualTo("n" + i);
        }
        assertThat(XmlName.remembered()).isLessThanOrEqualTo(XmlName.REMEMBERED_CAPACITY);
    }

    @Test
    void namesAreCorrectWhenManyThreadsShareTheTable() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 50_000; i++) {
                        // a small set of names, so that threads keep replacing each other's entries
                        int k = (i * 31 + seed) % 5_000;
                        XmlName n = XmlName.of("urn:t" + (k % 7), "n" + k);
                        if (!n.localName().equals("n" + k) || !n.namespace().equals("urn:t" + (k % 7))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : results) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
