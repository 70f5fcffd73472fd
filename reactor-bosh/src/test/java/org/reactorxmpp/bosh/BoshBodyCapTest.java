package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The cap on elements per request body (issue 14: one session's 1,000 queued messages went out in one 131 KB body,
 * which Prosody processed in one pass for seconds): a burst goes out as bodies of at most the cap, in order.
 */
class BoshBodyCapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private FakeConnectionManager cm;

    @AfterEach
    void stop() {
        if (cm != null) {
            cm.close();
        }
    }

    private static XmlElement message(int i) {
        return XmlElement.builder("jabber:client", "message").attribute("id", "m" + i).build();
    }

    /** @return the number of elements of each request that carried any, in rid order */
    private List<Integer> burst(java.util.function.UnaryOperator<BoshTransport.Builder> options, int count) {
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = options.apply(BoshTransport.builder().url(cm.url())).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        // all queued at once: the first may leave alone, the rest wait for a request slot
        Flux.range(0, count).flatMap(i -> c.send(message(i)), count).then().block(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        List<String> ids = server.delivered().stream().map(e -> e.attribute("id")).collect(Collectors.toList());
        assertThat(ids).as("every element delivered once, in the order sent")
            .isEqualTo(IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toList()));
        return cm.received().stream().sorted(java.util.Comparator.comparingLong(FakeConnectionManager.Received::rid))
            .filter(r -> !r.isCreation()).map(r -> r.payload().size()).filter(n -> n > 0)
            .collect(Collectors.toList());
    }

    @Test
    void aBurstGoesOutInBodiesOfAtMostTheDefaultCapOfAHundredInOrder() {
        List<Integer> sizes = burst(b -> b, 300);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).as("the largest body, in elements")
            .isEqualTo(100);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
    }

    @Test
    void theCapIsABuilderOption() {
        List<Integer> sizes = burst(b -> b.maxBodyElements(7), 100);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isEqualTo(7);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    }

    @Test
    void theByteLimitStillSplitsBodiesBelowTheElementCap() {
        // 2 KB elements, 16 KB per body: at most 8 per body although the element cap allows 100
        String text = "x".repeat(2000);
        ProsodyLikeHandler server = new ProsodyLikeHandler();
        cm = FakeConnectionManager.start(server);
        TransportConnection c = BoshTransport.builder().url(cm.url()).maxBodySize(16 * 1024).build()
            .connect(StreamOpen.to("localhost")).block(TIMEOUT);
        Flux.range(0, 40).flatMap(i -> c.send(XmlElement.builder("jabber:client", "message").attribute("id", "m" + i)
            .child(XmlElement.builder("jabber:client", "body").text(text).build()).build()), 40).then().block(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(cm.received()).filteredOn(r -> !r.isCreation())
            .allSatisfy(r -> assertThat(r.payload().size()).isLessThanOrEqualTo(8));
        assertThat(server.delivered()).hasSize(40);
    }

    @Test
    void aCapBelowOneIsRejected() {
        assertThatThrownBy(() -> BoshTransport.builder().url(java.net.URI.create("http://localhost/http-bind"))
            .maxBodyElements(0).build()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxBodyElements");
    }
}
