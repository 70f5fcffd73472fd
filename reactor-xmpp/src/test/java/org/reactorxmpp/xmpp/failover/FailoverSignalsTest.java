package org.reactorxmpp.xmpp.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.stanza.StreamError;
import org.reactorxmpp.xmpp.stanza.StreamErrorException;
import org.reactorxmpp.xmpp.transport.TransportException;

class FailoverSignalsTest {

    private static final URI BOSH = URI.create("https://cup1.example.com:7335/httpbinding?x=1");

    private static Optional<FailoverSignal> read(Throwable error) {
        return FailoverSignals.defaults().signal(error, BOSH);
    }

    private static StreamErrorException seeOtherHost(String value) {
        return new StreamErrorException(StreamError.seeOtherHost(value));
    }

    @Test
    void seeOtherHostKeepsTheBoshPortPathAndQuery() {
        assertThat(read(seeOtherHost("cup2.example.com:5222"))).contains(
            FailoverSignal.redirect(URI.create("https://cup2.example.com:7335/httpbinding?x=1")));
        assertThat(read(seeOtherHost("[2001:db8::1]:5222"))).contains(
            FailoverSignal.redirect(URI.create("https://[2001:db8::1]:7335/httpbinding?x=1")));
        assertThat(read(seeOtherHost("2001:db8::2"))).contains(
            FailoverSignal.redirect(URI.create("https://[2001:db8::2]:7335/httpbinding?x=1")));
    }

    @Test
    void aTcpUrlTakesThePortOfSeeOtherHost() {
        assertThat(FailoverSignals.seeOtherHost(URI.create("xmpp://a.example.com:5222"), "b.example.com:5223"))
            .contains(URI.create("xmpp://b.example.com:5223"));
    }

    @Test
    void unusableSeeOtherHostValuesAreNoRedirect() {
        assertThat(read(seeOtherHost("host:notaport"))).isEmpty();
        assertThat(read(seeOtherHost("host:70000"))).isEmpty();
        assertThat(read(seeOtherHost("[::1"))).isEmpty();
    }

    @Test
    void systemShutdownIsNodeDownConflictIsStopOthersNothing() {
        assertThat(read(new StreamErrorException(StreamError.of(StreamError.Condition.SYSTEM_SHUTDOWN))))
            .contains(FailoverSignal.nodeDown());
        assertThat(read(new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT))))
            .contains(FailoverSignal.stop());
        assertThat(read(new TransportException("reset", true))).isEmpty();
        assertThat(read(new StreamErrorException(StreamError.of(StreamError.Condition.RESET)))).isEmpty();
    }

    @Test
    void aCarrierInTheCauseChainIsReadAndOrAsksTheNextReader() {
        class Moved extends TransportException implements FailoverSignal.Carrier {
            Moved() {
                super("moved", true);
            }

            @Override
            public Optional<FailoverSignal> failoverSignal(URI current) {
                return Optional.of(FailoverSignal.redirect(URI.create("https://elsewhere.example.com/b")));
            }
        }
        assertThat(read(new TransportException("wrapped", true, new Moved())))
            .contains(FailoverSignal.redirect(URI.create("https://elsewhere.example.com/b")));
        FailoverSignals custom = FailoverSignals.defaults().or((e, current) -> Optional.of(FailoverSignal.nodeDown()));
        assertThat(custom.signal(new TransportException("x", true), BOSH)).contains(FailoverSignal.nodeDown());
        assertThat(custom.signal(new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT)), BOSH))
            .contains(FailoverSignal.stop());
    }
}
