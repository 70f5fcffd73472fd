package org.reactorxmpp.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reactorxmpp.bosh.BoshSessionState;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.SessionHandover;
import org.reactorxmpp.xmpp.stream.StreamFeatures;
import org.reactorxmpp.xmpp.xml.XmlReader;

/**
 * The client CPU cost of one crash-takeover checkpoint (issue 19): what a BOSH session does each time a request
 * goes out or a response is delivered while someone watches {@code XmppSession.checkpoints()}. {@code bosh} encodes
 * the BOSH state (sid, rids, the bytes of the requests in flight: one held empty request, plus one carrying a chat
 * message when {@code inFlight = 2}); {@code handover} adds what a subscriber storing it pays: the
 * {@code SessionHandover} around it and its {@code toBytes()}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CheckpointBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CheckpointBenchmark {

    /** How many requests are in flight (1: the held empty request; 2: plus one carrying a message). */
    @Param({"1", "2"})
    public int inFlight = 2;

    private BoshSessionState state = new BoshSessionState("s", 1, "example.com", null, 2, 1, Duration.ofSeconds(60),
        null, null, false, List.of());
    private FullJid jid = FullJid.parse("alice@example.com/desk");
    private StreamFeatures features = StreamFeatures.from(XmlReader.create().read(
        "<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>".getBytes(StandardCharsets.UTF_8)));

    /** A state like a chatting session's. */
    @Setup
    public void setUp() {
        String sid = "a2f3c9e1-0b7d-4c55-9e1a-7d3f2b9c8e41";
        List<String> bodies = new ArrayList<>();
        bodies.add("<body xmlns='http://jabber.org/protocol/httpbind' rid='4503599627370495' sid='" + sid + "'/>");
        if (inFlight > 1) {
            bodies.add("<body xmlns='http://jabber.org/protocol/httpbind' rid='4503599627370496' sid='" + sid + "'>"
                + "<message xmlns='jabber:client' to='bob@example.com' type='chat' id='a7c1e2d4'>"
                + "<body>Hello Bob, are we still on for the review at three?</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/></message></body>");
        }
        state = new BoshSessionState(sid, 4503599627370495L, "example.com", "en", 2, 1, Duration.ofSeconds(60),
            Duration.ofSeconds(90), Duration.ofSeconds(2), false, bodies, List.of(), Duration.ofSeconds(120), null);
        features = StreamFeatures.from(XmlReader.create().read(("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><ver xmlns='urn:xmpp:features:rosterver'/>"
            + "<sm xmlns='urn:xmpp:sm:3'/><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://prosody.im'"
            + " ver='abc='/></stream:features>").getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the encoded BOSH state: the session's share of a checkpoint */
    @Benchmark
    public byte[] bosh() {
        return state.toBytes();
    }

    /** @return a stored checkpoint: the BOSH state, the handover around it and its encoding */
    @Benchmark
    public byte[] handover() {
        return SessionHandover.of(jid, "BOSH", features, state.toBytes()).toBytes();
    }
}
