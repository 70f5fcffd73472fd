package org.reactorxmpp.benchmarks.jmh;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reactorxmpp.benchmarks.corpus.OurCodec;
import org.reactorxmpp.benchmarks.corpus.StanzaCorpus;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.stanza.Stanza;

/**
 * Decodes extensions from stanzas that are already parsed (what an application does after
 * {@code ParseBenchmark}): the XEP-0203 delay of {@code MUC_DELAY} and the XEP-0085 chat state of
 * {@code CHAT_XHTML}, through the codecs. One operation = both decodes. Compares the codec path
 * across versions (stream-reader codecs re-serialized and re-parsed the element; tree codecs read it).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ExtensionBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExtensionBenchmark {

    private Stanza delayed = OurCodec.parse(StanzaCorpus.MUC_DELAY.bytes()).get(0);
    private Stanza chat = OurCodec.parse(StanzaCorpus.CHAT_XHTML.bytes()).get(0);

    /** Parses the two stanzas once. */
    @Setup
    public void setUp() {
        delayed = OurCodec.parse(StanzaCorpus.MUC_DELAY.bytes()).get(0);
        chat = OurCodec.parse(StanzaCorpus.CHAT_XHTML.bytes()).get(0);
    }

    /** @return the delay stamp's epoch second plus the chat state's ordinal, so that nothing is dead code */
    @Benchmark
    public long decode() {
        Optional<Delay> delay = delayed.extension(Delay.CODEC);
        Optional<ChatState> state = chat.extension(ChatState.ACTIVE.codec());
        return delay.orElseThrow().stamp().getEpochSecond() + state.orElseThrow().ordinal();
    }
}
