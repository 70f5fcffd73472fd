package org.reactorxmpp.im.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.extension.chatstates.ChatState;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The composing -> paused helper in virtual time. */
class TypingTest {

    private static final Duration QUIET = Duration.ofSeconds(5);

    @Test
    void composingOnceThenPausedAfterTheQuietPeriodThenComposingAgain() {
        StepVerifier.withVirtualTime(() -> {
                Sinks.Many<String> keys = Sinks.many().unicast().onBackpressureBuffer();
                return Typing.states(keys.asFlux(), QUIET, VirtualTimeScheduler.get())
                    .doOnSubscribe(s -> {
                        keys.tryEmitNext("h");
                        VirtualTimeScheduler.get().schedule(() -> keys.tryEmitNext("e"), 2, java.util.concurrent.TimeUnit.SECONDS);
                        VirtualTimeScheduler.get().schedule(() -> keys.tryEmitNext("l"), 4, java.util.concurrent.TimeUnit.SECONDS);
                        VirtualTimeScheduler.get().schedule(() -> keys.tryEmitNext("o"), 20, java.util.concurrent.TimeUnit.SECONDS);
                        VirtualTimeScheduler.get().schedule(keys::tryEmitComplete, 21, java.util.concurrent.TimeUnit.SECONDS);
                    });
            })
            .expectSubscription()
            .expectNext(ChatState.COMPOSING)                  // at 0 s, not repeated at 2 s and 4 s
            .expectNoEvent(Duration.ofSeconds(9))             // 4 s + 5 s quiet
            .expectNext(ChatState.PAUSED)                     // at 9 s
            .expectNoEvent(Duration.ofSeconds(11))
            .expectNext(ChatState.COMPOSING)                  // at 20 s
            .thenAwait(QUIET)
            .expectNext(ChatState.PAUSED)                     // at 25 s (input completed at 21 s)
            .verifyComplete();
    }

    @Test
    void theChatSendsTheStatesOnItsInjectedScheduler() {
        VirtualTimeScheduler timer = VirtualTimeScheduler.create();
        ScriptedTransport server = ScriptedTransport.builder("alice@example.com/web").ignoring(e -> true).build();
        XmppSession session = ScriptedSessions.connect(server, FullJid.parse("alice@example.com/web"));
        Chat chat = ChatManager.of(session, new ChatOptions(QUIET, timer)).chat(BareJid.parse("bob@example.com"));
        Sinks.Many<Integer> keys = Sinks.many().multicast().directBestEffort();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Disposable typing = chat.typing(keys.asFlux()).subscribe(null, errors::add);

        keys.tryEmitNext(1);
        timer.advanceTimeBy(Duration.ofSeconds(3));
        keys.tryEmitNext(2);
        assertThat(sentStates(server)).containsExactly(ChatState.COMPOSING);
        timer.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(sentStates(server)).containsExactly(ChatState.COMPOSING);
        timer.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sentStates(server)).containsExactly(ChatState.COMPOSING, ChatState.PAUSED);
        typing.dispose();
        assertThat(errors).isEmpty();
    }

    private static List<ChatState> sentStates(ScriptedTransport server) {
        return ScriptedSessions.sent(server).stream().map(s -> ChatState.of(((Message) s).element()).orElseThrow()).toList();
    }
}
