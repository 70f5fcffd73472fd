package org.reactorxmpp.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;

class EchoBotTest {

    @Test
    void answerGoesBackToTheSenderWithTypeThreadAndPrefixedBody() {
        Message in = Message.builder()
            .from(Jid.parse("romeo@example.net/orchard"))
            .to(Jid.parse("bot@example.net"))
            .type(Message.Type.CHAT)
            .thread("e0ffe42b28561960c6b12b944a092794b9683a38")
            .body("Art thou not Romeo?")
            .build();

        Message out = EchoBot.answer(in);

        assertThat(out.to()).isEqualTo(Jid.parse("romeo@example.net/orchard"));
        assertThat(out.type()).isEqualTo(Message.Type.CHAT);
        assertThat(out.thread()).contains("e0ffe42b28561960c6b12b944a092794b9683a38");
        assertThat(out.body()).isEqualTo("echo: Art thou not Romeo?");
    }

    @Test
    void answerWithoutThreadHasNone() {
        Message in = Message.builder().from(Jid.parse("juliet@example.com/balcony"))
            .type(Message.Type.NORMAL).body("hi").build();

        Message out = EchoBot.answer(in);

        assertThat(out.type()).isEqualTo(Message.Type.NORMAL);
        assertThat(out.thread()).isEmpty();
        assertThat(out.body()).isEqualTo("echo: hi");
    }
}
