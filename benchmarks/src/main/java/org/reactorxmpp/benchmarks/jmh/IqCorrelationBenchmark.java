package org.reactorxmpp.benchmarks.jmh;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;

/**
 * IQ correlation throughput: {@value #BATCH} pings per invocation on one session over the
 * {@link LoopbackTransport}, with up to {@code concurrency} of them pending at once. Each
 * request registers its pending entry, is sent, and completes when the loopback's reply is matched
 * by id and sender; so this measures the session's own work per request (ids, the pending map,
 * timeouts, the inbound fan-out), not a network. The score is requests per second.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar IqCorrelationBenchmark -p concurrency=1000 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class IqCorrelationBenchmark {

    /** Requests per benchmark invocation. */
    public static final int BATCH = 1000;

    /** How many requests may be pending at once. */
    @Param({"1", "100", "1000"})
    public int concurrency = 100;

    private static final XmlElement PING = XmlElement.empty("urn:xmpp:ping", "ping");
    private static final Jid SERVER = Jid.domain(LoopbackTransport.DOMAIN);

    private @Nullable XmppSession session;

    /** Logs in over the loopback. */
    @Setup(Level.Trial)
    public void connect() {
        XmppClient client = XmppClient.builder()
            .jid("bench@" + LoopbackTransport.DOMAIN)
            .password("secret")
            .transport(new LoopbackTransport())
            .enabledMechanisms(List.of("PLAIN"))
            .sendInitialPresence(false)
            .responders(Set.of())
            .requestTimeout(Duration.ofSeconds(30))
            .build();
        session = client.connect().block(Duration.ofSeconds(10));
    }

    /** Closes the session. */
    @TearDown(Level.Trial)
    public void close() {
        session().close().block(Duration.ofSeconds(10));
    }

    private XmppSession session() {
        XmppSession s = session;
        if (s == null) {
            throw new IllegalStateException("not connected");
        }
        return s;
    }

    /** @return the number of results, {@value #BATCH} */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Long requests() {
        // a fresh request (with a fresh random id) each time, as an application builds them
        return Flux.range(0, BATCH)
            .flatMap(i -> session().request(Iq.get(SERVER, PING)), concurrency)
            .count()
            .block(Duration.ofSeconds(60));
    }
}
