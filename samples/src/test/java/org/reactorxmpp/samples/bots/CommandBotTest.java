package org.reactorxmpp.samples.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;

class CommandBotTest {

    private static Message command(String body) {
        return Message.builder().from(Jid.parse("client1@example.com/load")).type(Message.Type.CHAT).thread("t1").body(body).build();
    }

    @Test
    void pingIsAnsweredWithPongAndTheSameTokenToTheSenderInTheSameThread() {
        Message answer = CommandBot.answer(command("ping 42"));
        assertThat(answer.body()).isEqualTo("pong 42");
        assertThat(answer.to()).isEqualTo(Jid.parse("client1@example.com/load"));
        assertThat(answer.type()).isEqualTo(Message.Type.CHAT);
        assertThat(answer.thread()).contains("t1");
    }

    @Test
    void echoTimeAndUnknownCommands() {
        assertThat(CommandBot.answer(command("echo hello there")).body()).isEqualTo("hello there");
        assertThat(CommandBot.answer(command("time")).body()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(CommandBot.answer(command("dance")).body()).startsWith("commands:");
    }

    @Test
    void percentilesOfTheLastSecond() {
        List<Long> millis = List.of(1_000_000L, 2_000_000L, 3_000_000L, 4_000_000L, 100_000_000L);
        assertThat(LiveStats.percentile(millis, 50)).isEqualTo("3");
        assertThat(LiveStats.percentile(millis, 99)).isEqualTo("100");
        assertThat(LiveStats.percentile(List.of(), 99)).isEqualTo("-");
    }

    @Test
    void summaryCountsSessionsUpAndAnswersPerSecond() {
        LiveStats stats = new LiveStats(3);
        stats.up(0, true);
        stats.up(2, true);
        stats.answered().addAndGet(7);
        assertThat(stats.line()).contains("up     2/3     ended    0").contains("answers/s      7");
        stats.ended(0);
        assertThat(stats.line()).contains("up     1/3     ended    1").contains("answers/s      0");
    }
}
