package org.reactorxmpp.xmpp.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The outbound queue of the socket transports: while the channel is not writable, elements wait in our queue
 * (not in Netty's unbounded buffer), and {@code sendFirst} (a stream-management answer) overtakes them.
 */
class StreamConnectionOrderTest {

    /** A stream whose elements are written as their local name, one buffer each. */
    static class Names extends StreamConnection {
        Names(MonoSink<TransportConnection> sink) {
            this(sink, 100);
        }

        Names(MonoSink<TransportConnection> sink, int outboundCapacity) {
            super(outboundCapacity, 100, Duration.ofSeconds(1), sink);
        }

        @Override
        protected byte[] encode(XmlElement element) {
            return element.localName().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected byte[] openMarker() {
            return "open".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected byte[] closeMarker() {
            return "close".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected Object frame(byte[] bytes) {
            return Unpooled.wrappedBuffer(bytes);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        void start(EmbeddedChannel ch) {
            attach(ch);
            onLoop(this::opened);
        }
    }

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Names connection = connect();

    private Names connect() {
        AtomicReference<Names> created = new AtomicReference<>();
        Mono.<TransportConnection>create(sink -> created.set(new Names(sink))).subscribe();
        created.get().start(channel);
        return created.get();
    }

    private List<String> written() {
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

    @Test
    void whileTheChannelIsNotWritableAnAnswerOvertakesTheQueuedElements() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();
        List<String> done = new ArrayList<>();
        for (String name : List.of("m1", "m2", "m3")) {
            connection.send(element(name)).subscribe(null, e -> done.add("error " + name), () -> done.add(name));
        }
        connection.sendFirst(element("a")).subscribe(null, e -> done.add("error a"), () -> done.add("a"));
        channel.runPendingTasks();
        assertThat(written()).as("only the answer is handed to the unwritable channel").containsExactly("a");
        assertThat(done).containsExactly("a");

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();
        assertThat(written()).as("the queue resumes, in order, once writable").containsExactly("m1", "m2", "m3");
        assertThat(done).containsExactly("a", "m1", "m2", "m3");
    }

    @Test
    void aWritableChannelTakesEverythingInOrder() {
        connection.send(element("m1")).subscribe();
        connection.sendFirst(element("a")).subscribe();
        connection.send(element("m2")).subscribe();
        channel.runPendingTasks();
        assertThat(written()).containsExactly("m1", "a", "m2");
    }
}
