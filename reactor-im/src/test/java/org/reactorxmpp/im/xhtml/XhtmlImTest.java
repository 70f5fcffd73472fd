package org.reactorxmpp.im.xhtml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;

/** Building rich bodies, reading and sanitising received ones, the feature, and the corpus checker itself. */
class XhtmlImTest {

    private static final XhtmlBody RICH = XhtmlBody.builder()
        .text("Meet ").strong("today").text(" at ").link(URI.create("https://example.com/room?a=1&b=2"), "the room")
        .br().span(orderedStyle(), "now").em(" <not a tag>")
        .build();

    /** The builder keeps the caller's property order (Map.of has none). */
    private static Map<String, String> orderedStyle() {
        Map<String, String> style = new java.util.LinkedHashMap<>();
        style.put("color", "red");
        style.put("font-weight", "bold");
        return style;
    }

    @Test
    void aBuiltBodyHasThePlainFallbackAndSurvivesTheSanitiserWithItsMarkup() {
        assertThat(RICH.plainText()).isEqualTo("Meet today at the room\nnow <not a tag>");
        Message m = XhtmlIm.attach(Message.builder().body(RICH.plainText()), RICH).build();
        assertThat(m.body()).isEqualTo(RICH.plainText());
        String html = XhtmlIm.html(m).orElseThrow();
        assertThat(html).containsPattern(" rel=\"(nofollow|noopener|noreferrer) (nofollow|noopener|noreferrer) (nofollow|noopener|noreferrer)\"");
        assertThat(html.replaceFirst(" rel=\"[^\"]*\"", "")).isEqualTo("Meet <strong>today</strong> at <a href=\"https://example.com/room?a&#61;1&amp;b&#61;2\""
            + ">the room</a><br /><span style=\"color:red;font-weight:bold\">now</span>"
            + "<em> &lt;not a tag&gt;</em>");
        assertThat(ExecutesNothing.problems(html)).isEmpty();
    }

    @Test
    void aRichMessageAlwaysHasThePlainBodyFallback() {
        assertThat(XhtmlIm.attach(Message.builder(), RICH).build().body()).as("added when missing").isEqualTo(RICH.plainText());
        assertThat(XhtmlIm.attach(Message.builder().body("custom"), RICH).build().body()).as("kept when given").isEqualTo("custom");
    }

    @Test
    void theBuilderRefusesWhatIsOutsideTheSafeSubset() {
        XhtmlBody.Builder b = XhtmlBody.builder();
        assertThatThrownBy(() -> b.link(URI.create("javascript:alert(1)"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.link(URI.create("data:text/html,x"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.link(URI.create("/relative"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.span(Map.of("position", "fixed"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.span(Map.of("color", "red;background:url(x)"), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.span(Map.of("color", "expression(alert(1))"), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProfileIsKeptAndEverythingElseDropped() {
        assertThat(XhtmlSanitizer.sanitize("<p style='text-align:center;position:fixed'>a<blockquote><cite>c</cite></blockquote>"
            + "<ul><li>1</li></ul><ol><li>2</li></ol><img src='https://example.com/x.png' alt='x' width='10' height='20' /></p>"))
            .isEqualTo("<p style=\"text-align:center\">a</p><blockquote><cite>c</cite></blockquote><ul><li>1</li></ul>"
                + "<ol><li>2</li></ol><img src=\"https://example.com/x.png\" alt=\"x\" width=\"10\" height=\"20\" />");
        assertThat(XhtmlSanitizer.sanitize("<div><h1>t</h1><table><tr><td>cell</td></tr></table></div>")).isEqualTo("tcell");
        assertThat(XhtmlSanitizer.sanitize("<script>alert(1)</script><style>p{}</style>ok")).isEqualTo("ok");
        assertThat(XhtmlSanitizer.sanitize("<a href='xmpp:bob@example.com?message'>bob</a>")).contains("href=\"xmpp:bob&#64;example.com?message\"");
    }

    @Test
    void messagesWithoutXhtmlHaveNoHtml() {
        assertThat(XhtmlIm.html(Message.builder().body("plain").build())).isEmpty();
    }

    @Test
    void theFeatureAdvertisesXhtmlImAndSurfacesSanitisedMessages() {
        ScriptedTransport server = ScriptedTransport.builder("alice@example.com/web").ignoring(e -> true).build();
        XmppSession session = ScriptedSessions.connect(server, FullJid.parse("alice@example.com/web"));
        XhtmlIm xhtml = XhtmlIm.of(session);
        assertThat(XhtmlIm.of(session)).isSameAs(xhtml);
        assertThat(session.capabilities().features()).contains(XhtmlIm.NAMESPACE);
        List<RichMessage> seen = new CopyOnWriteArrayList<>();
        xhtml.messages().subscribe(seen::add);
        Message evil = Message.builder().from(FullJid.parse("mallory@example.com/x")).body("hi").build();
        server.push(XhtmlIm.attach(evil.toBuilder(),
            new XhtmlBody(XssCorpusTest.parse("<p onclick='alert(1)'>hi <img src='x' onerror='alert(2)'/></p>").children())).build());
        server.push(Message.builder().body("plain").build());
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.html()).isEqualTo("<p>hi <img src=\"x\" /></p>"));
    }

    @Test
    void theCheckerFindsWhatWouldExecute() {
        assertThat(ExecutesNothing.problems("<p>ok</p>")).isEmpty();
        assertThat(ExecutesNothing.problems("<script>alert(1)</script>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<p onclick=\"x\">a</p>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<a href=\"jav&#x09;ascript&colon;x\">a</a>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<a href=\" DATA:text/html,x\">a</a>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<img src=\"vbscript:x\" />")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<span style=\"width:expression(alert(1))\">a</span>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<span style=\"background:url(x)\">a</span>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("a<!-- x -->b")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<svg><a>x</a></svg>")).isNotEmpty();
        assertThat(ExecutesNothing.problems("<a href=\"java\u200bscript:x\">a</a>")).isNotEmpty();
    }
}
