package org.reactorxmpp.im.pubsub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** RSM paging of items against scripted replies: a service that pages, and one that ignores RSM. */
class ItemPagesTest {

    private static final String NS = PubSub.NAMESPACE;

    /** A service holding {@code total} items, answering pages of {@code max} after an id (RSM) or all (no RSM). */
    private static Function<@Nullable String, Mono<Iq>> service(int total, int max, boolean rsm, List<String> asked) {
        return after -> Mono.fromCallable(() -> {
            asked.add(String.valueOf(after));
            int from = after == null ? 0 : Integer.parseInt(after) + 1;
            int to = rsm ? Math.min(total, from + max) : total;
            XmlElement.Builder items = XmlElement.builder(NS, "items").attribute("node", "n");
            for (int i = rsm ? from : 0; i < to; i++) {
                items.child(XmlElement.builder(NS, "item").attribute("id", Integer.toString(i)).build());
            }
            XmlElement.Builder pubsub = XmlElement.builder(NS, "pubsub").child(items.build());
            if (rsm && to > from) {
                pubsub.child(XmlElement.builder(ItemPages.RSM, "set")
                    .textChild(ItemPages.RSM, "first", Integer.toString(from))
                    .textChild(ItemPages.RSM, "last", Integer.toString(to - 1))
                    .textChild(ItemPages.RSM, "count", Integer.toString(total)).build());
            }
            return Iq.builder(Iq.Type.RESULT).id("r").payload(pubsub.build()).build();
        });
    }

    @Test
    void pagesUntilTheCountIsReachedInOrder() {
        List<String> asked = new ArrayList<>();
        StepVerifier.create(ItemPages.all("n", 50, service(250, 50, true, asked)).map(PubSubItem::id).collectList())
            .assertNext(ids -> assertThat(ids).hasSize(250).doesNotHaveDuplicates()
                .startsWith("0", "1").endsWith("248", "249"))
            .verifyComplete();
        assertThat(asked).containsExactly("null", "49", "99", "149", "199");
    }

    @Test
    void aServiceIgnoringRsmIsAskedOnce() {
        List<String> asked = new ArrayList<>();
        StepVerifier.create(ItemPages.all("n", 50, service(120, 50, false, asked)).count())
            .expectNext(120L)
            .verifyComplete();
        assertThat(asked).containsExactly("null");
    }

    @Test
    void aShortPageEnds() {
        List<String> asked = new ArrayList<>();
        StepVerifier.create(ItemPages.all("n", 50, service(70, 50, true, asked)).count())
            .expectNext(70L)
            .verifyComplete();
        assertThat(asked).containsExactly("null", "49");
    }

    @Test
    void theRequestAsksForMaxAfterTheLastId() {
        XmlElement request = ItemPages.request("n", 50, "x");
        XmlElement set = request.element(ItemPages.RSM, "set");
        assertThat(set.element(ItemPages.RSM, "max").text()).isEqualTo("50");
        assertThat(set.element(ItemPages.RSM, "after").text()).isEqualTo("x");
        assertThat(request.element(NS, "items").attribute("node")).isEqualTo("n");
    }
}
