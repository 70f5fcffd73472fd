package org.reactorxmpp.xmpp.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.slf4j.LoggerFactory;
import org.reactorxmpp.xmpp.sm.StreamManagement;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.xml.XmlElement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Our {@code <a h/>} never waits behind our own outbound backlog: it goes through {@code sendFirst}, and the
 * receiver acknowledges without being asked every {@link StreamManagement#ackReceivedEvery()} stanzas (ejabberd
 * ends a stream whose unacknowledged queue passes 5,000 while it waits for the answer to its one {@code <r/>}).
 */
class SmAnswerTest {

    /** A transport that never writes what {@code send} queues (a backlog) and records {@code sendFirst}. */
    static final class Backlogged implements TransportConnection {
        final List<XmlElement> queued = new CopyOnWriteArrayList<>();
        final List<XmlElement> first = new CopyOnWriteArrayList<>();

        @Override
        public Flux<XmlElement> inbound() {
            return Flux.never();
        }

        @Override
        public Mono<Void> send(XmlElement element) {
            return Mono.<Void>never().doOnSubscribe(s -> queued.add(element));
        }

        @Override
        public Mono<Void> sendFirst(XmlElement element) {
            return Mono.fromRunnable(() -> first.add(element));
        }

        @Override
        public Mono<Void> restart() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> close(@Nullable XmlElement finalPayload) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> onClose() {
            return Mono.never();
        }

        @Override
        public boolean isSecure() {
            return false;
        }
    }

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final Backlogged transport = new Backlogged();
    private final SmSession sm = new SmSession(StreamManagement.enabled().withAckEvery(10_000)
        .withMaxUnacked(10_000).withAckReceivedEvery(100), () -> time);
    private final SmLink link = sm.wrap(transport);

    private void enabled() {
        sm.attachNew(link, FullJid.parse("juliet@example.com/balcony"), true, null);
        sm.inbound(link, XmlElement.builder(SmElements.NS, "enabled").attribute("id", "s1").attribute("resume", "true")
            .build());
    }

    private void receive(int stanzas) {
        for (int i = 0; i < stanzas; i++) {
            sm.inbound(link, Message.builder().body("in" + i).build().element());
        }
    }

    private static List<String> hs(List<XmlElement> elements) {
        return elements.stream().filter(e -> e.is(SmElements.NS, "a")).map(e -> e.attribute("h")).toList();
    }

    @Test
    void theAnswerToRGoesAheadOfAThousandUnwrittenStanzas() {
        enabled();
        for (int i = 0; i < 1_000; i++) {
            link.send(Message.builder().body("out" + i).build().element()).subscribe();
        }
        receive(42);

        sm.inbound(link, XmlElement.empty(SmElements.NS, "r"));

        assertThat(hs(transport.first)).containsExactly("42");
        assertThat(hs(transport.queued)).as("no answer behind the backlog").isEmpty();
        assertThat(transport.queued).filteredOn(e -> e.localName().equals("message")).hasSize(1_000);
    }

    @Test
    void theReceiverAcknowledgesUnaskedEveryHundredStanzas() {
        enabled();

        receive(250);

        assertThat(hs(transport.first)).containsExactly("100", "200");
        sm.inbound(link, XmlElement.empty(SmElements.NS, "r"));
        receive(99);
        assertThat(hs(transport.first)).as("an answer to <r/> restarts the count").containsExactly("100", "200", "250");
        receive(1);
        assertThat(hs(transport.first)).containsExactly("100", "200", "250", "350");
    }

    @Test
    void zeroTurnsUnaskedAcknowledgementsOff() {
        SmSession quiet = new SmSession(StreamManagement.enabled().withAckReceivedEvery(0), () -> time);
        SmLink on = quiet.wrap(transport);
        quiet.attachNew(on, FullJid.parse("juliet@example.com/balcony"), true, null);
        quiet.inbound(on, XmlElement.builder(SmElements.NS, "enabled").attribute("id", "s1").build());
        for (int i = 0; i < 500; i++) {
            quiet.inbound(on, Message.builder().body("in" + i).build().element());
        }
        assertThat(hs(transport.first)).isEmpty();
    }

    @Test
    void itsLogLinesCarryTheSessionPrefix() {
        Logger logger = (Logger) LoggerFactory.getLogger(SmSession.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
        try {
            SmSession logged = new SmSession(StreamManagement.enabled(), () -> time,
                SessionLog.of(LoggerFactory.getLogger(SmSession.class), "juliet@example.com/balcony", () -> "s1"));
            SmLink on = logged.wrap(transport);
            logged.attachNew(on, FullJid.parse("juliet@example.com/balcony"), true, null);
            logged.inbound(on, XmlElement.builder(SmElements.NS, "enabled").attribute("id", "s1").build());
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
            .anyMatch(m -> m.startsWith("[juliet@example.com/balcony sid=s1] stream management enabled"))
            .allMatch(m -> m.startsWith("[juliet@example.com/balcony sid=s1] "));
    }
}
