package org.reactorxmpp.xmpp.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The merged writes of a byte-stream transport (TCP): what is queued when the event loop gets to it goes out in
 * one buffer per {@link StreamConnection#MERGE_LIMIT} bytes and one flush, in order, nothing lost, each send done
 * once its buffer is written; a lone element on an idle connection is flushed at once. On a scripted channel:
 * {@link EmbeddedChannel#readOutbound()} only sees what was flushed.
 */
class StreamConnectionBatchTest {

    /** A byte stream whose elements are written as their local name followed by a separator. */
    static final class Merging extends StreamConnectionOrderTest.Names {
        Merging(MonoSink<TransportConnection> sink) {
            super(sink, 20_000);
        }

        @Override
        protected byte[] encode(XmlElement element) {
            return (element.localName() + ";").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected boolean mergesWrites() {
            return true;
        }
    }

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Merging connection = connect();

    private Merging connect() {
        AtomicReference<Merging> created = new AtomicReference<>();
        Mono.<TransportConnection>create(sink -> created.set(new Merging(sink))).subscribe();
        created.get().start(channel);
        return created.get();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** @return each flushed buffer's text */
    private List<String> flushed() {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    private static XmlElement element(String name) {
        return XmlElement.empty("jabber:client", name);
    }

    private void writable(boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    @Test
    void aLoneElementOnAnIdleConnectionIsFlushedAtOnce() {
        List<String> done = new ArrayList<>();
        connection.send(element("m1")).subscribe(null, e -> done.add("error"), () -> done.add("m1"));
        // no task run, no timer: the send itself got it onto the wire
        assertThat(flushed()).containsExactly("m1;");
        assertThat(done).containsExactly("m1");
    }

    @Test
    void whatIsQueuedTogetherGoesOutAsOneBufferInOrderWithOneFlush() {
        writable(false);
        List<String> done = new ArrayList<>();
        for (String name : List.of("m1", "m2", "m3")) {
            connection.send(element(name)).subscribe(null, e -> done.add("error " + name), () -> done.add(name));
        }
        assertThat(flushed()).as("nothing is written while the channel is not writable").isEmpty();
        assertThat(done).isEmpty();

        writable(true);
        assertThat(flushed()).as("one buffer, in order").containsExactly("m1;m2;m3;");
        assertThat(done).as("each send is done once the buffer is written, in order").containsExactly("m1", "m2", "m3");
    }

    @Test
    void anAnswerSentFirstLeadsTheMergedBuffer() {
        writable(false);
        connection.send(element("m1")).subscribe();
        connection.send(element("m2")).subscribe();
        connection.sendFirst(element("a")).subscribe();
        assertThat(flushed()).as("the answer does not wait for writability").containsExactly("a;");
        writable(true);
        assertThat(flushed()).containsExactly("m1;m2;");
    }

    @Test
    void aCancelledSendIsLeftOutAndTheOthersKeepTheirOrder() {
        writable(false);
        List<String> done = new ArrayList<>();
        connection.send(element("m1")).subscribe(null, e -> done.add("error"), () -> done.add("m1"));
        Disposable second = connection.send(element("m2")).subscribe(null, e -> done.add("error"), () -> done.add("m2"));
        connection.send(element("m3")).subscribe(null, e -> done.add("error"), () -> done.add("m3"));
        second.dispose();
        writable(true);
        assertThat(flushed()).containsExactly("m1;m3;");
        assertThat(done).containsExactly("m1", "m3");
    }

    @Test
    void aLongBacklogIsSplitAtTheMergeLimitWithNothingLostOrReordered() {
        int n = 15_000;
        writable(false);
        int[] done = new int[1];
        List<Integer> order = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int index = i;
            String name = "m" + i;
            expected.append(name).append(';');
            connection.send(element(name)).subscribe(null, e -> order.add(-1), () -> {
                done[0]++;
                order.add(index);
            });
        }
        writable(true);
        List<String> buffers = flushed();
        channel.runPendingTasks();
        buffers.addAll(flushed());

        assertThat(String.join("", buffers)).as("every element, in order, exactly once").isEqualTo(expected.toString());
        assertThat(buffers).as("split into buffers of at most the merge limit plus one element")
            .hasSizeGreaterThan(1)
            .allSatisfy(b -> assertThat(b.length()).isLessThan(StreamConnection.MERGE_LIMIT + 16));
        assertThat(done[0]).isEqualTo(n);
        assertThat(order).as("sends complete in the order they were queued").isSorted();
    }

    @Test
    void sendsMadeWhileTheBatchIsWrittenJoinTheNextFlushNotAFlushEach() {
        // the flood's steady state: each completion (on the event loop) sends the next element
        List<String> sent = new ArrayList<>();
        int[] next = {0};
        Runnable[] more = new Runnable[1];
        more[0] = () -> {
            if (next[0] < 20) {
                String name = "m" + next[0]++;
                sent.add(name);
                connection.send(element(name)).subscribe(null, e -> { }, more[0]);
            }
        };
        writable(false);
        for (int i = 0; i < 5; i++) {
            more[0].run();
        }
        writable(true);
        channel.runPendingTasks();
        List<String> buffers = flushed();
        assertThat(String.join("", buffers)).isEqualTo(String.join(";", sent) + ";");
        assertThat(sent).hasSize(20);
        assertThat(buffers).as("the first five in one buffer, then what their completions sent, batch by batch")
            .startsWith("m0;m1;m2;m3;m4;")
            .hasSizeLessThan(20);
    }
}
