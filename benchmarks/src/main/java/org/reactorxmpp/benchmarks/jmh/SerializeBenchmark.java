package org.reactorxmpp.benchmarks.jmh;

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
import org.reactorxmpp.benchmarks.corpus.OurCodec;
import org.reactorxmpp.benchmarks.corpus.StanzaCorpus;
import org.reactorxmpp.benchmarks.smack.SmackCodec;
import org.reactorxmpp.xmpp.stanza.Stanza;

/**
 * Serializes each corpus entry, parsed once up front, to UTF-8 bytes with this library and with
 * Smack 4.4.8 (Smack builds a character sequence, encoded here, as its writers do). The BOSH body
 * entry is written as a body wrapping its 20 stanzas. Run with {@code -prof gc} for the allocation.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SerializeBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SerializeBenchmark {

    /** The corpus entry. */
    @Param({"CHAT_XHTML", "PRESENCE_CAPS", "ROSTER_PUSH", "MUC_DELAY", "PUBSUB_ATOM", "BOSH_BODY"})
    public String entry = "CHAT_XHTML";

    private List<Stanza> ours = List.of();
    private List<org.jivesoftware.smack.packet.Stanza> smack = List.of();
    private boolean body;

    /** Parses the entry once with each library. */
    @Setup
    public void setUp() {
        StanzaCorpus corpus = StanzaCorpus.valueOf(entry);
        ours = OurCodec.parse(corpus.bytes());
        smack = SmackCodec.parse(SmackCodec.Parser.XPP3, corpus.bytes());
        body = corpus.isBody();
    }

    /** @return our bytes */
    @Benchmark
    public byte[] ours() {
        return OurCodec.serialize(ours, body);
    }

    /** @return Smack's bytes */
    @Benchmark
    public byte[] smack() {
        return SmackCodec.serialize(smack, body);
    }
}
