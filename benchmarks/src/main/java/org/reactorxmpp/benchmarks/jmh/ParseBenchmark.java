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

/**
 * Parses each corpus entry from the same UTF-8 bytes with this library and with Smack 4.4.8 (its
 * StAX and XPP3 back ends). One operation is one whole entry (a BOSH body is one operation of 20
 * stanzas). Run with {@code -prof gc} for the allocation per operation.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

    /** The corpus entry. */
    @Param({"CHAT_XHTML", "PRESENCE_CAPS", "ROSTER_PUSH", "MUC_DELAY", "PUBSUB_ATOM", "BOSH_BODY"})
    public String entry = "CHAT_XHTML";

    private byte[] bytes = new byte[0];

    /** Loads the entry's bytes and Smack's providers. */
    @Setup
    public void setUp() {
        bytes = StanzaCorpus.valueOf(entry).bytes();
        SmackCodec.smackVersion();
    }

    /** @return our stanzas */
    @Benchmark
    public List<?> ours() {
        return OurCodec.parse(bytes);
    }

    /** @return Smack's stanzas through its StAX adapter (Woodstox underneath) */
    @Benchmark
    public List<?> smackStax() {
        return SmackCodec.parse(SmackCodec.Parser.STAX, bytes);
    }

    /** @return Smack's stanzas through its XPP3 adapter */
    @Benchmark
    public List<?> smackXpp3() {
        return SmackCodec.parse(SmackCodec.Parser.XPP3, bytes);
    }
}
