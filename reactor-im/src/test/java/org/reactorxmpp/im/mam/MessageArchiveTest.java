package org.reactorxmpp.im.mam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.im.forward.Forwarded;
import org.reactorxmpp.im.testing.ScriptedSessions;
import org.reactorxmpp.xmpp.extension.delay.Delay;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.FullJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;

/** Paging, query-id matching and forged results, against a scripted archive of 5 messages. */
class MessageArchiveTest {

    private static final FullJid ME = FullJid.parse("alice@example.com/web");
    private static final BareJid BOB = BareJid.parse("bob@example.com");
    private static final String RSM = "http://jabber.org/protocol/rsm";

    private ScriptedTransport server;
    private XmppSession session;

    /** A real session whose scripted server answers the next {@code count} IQs with {@code answer}. */
    private void serve(int count, java.util.function.Function<Iq, List<XmlElement>> answer) {
        ScriptedTransport.Builder b = ScriptedTransport.builder(ME.toString()).ignoring(e -> true);
        for (int i = 0; i < count; i++) {
            b.expect("an iq", e -> e.is(org.reactorxmpp.xmpp.stanza.Stanza.NAMESPACE, "iq"))
                .thenRespond(e -> answer.apply(Iq.of(e)));
        }
        server = b.build();
        session = ScriptedSessions.connect(server, ME);
    }

    private List<org.reactorxmpp.xmpp.stanza.Stanza> sent() {
        return ScriptedSessions.sent(server);
    }
    private final List<Iq> queries = new CopyOnWriteArrayList<>();

    private Message result(Jid from, String queryId, int n) {
        Message archived = Message.builder().from(BOB.withResource("desk")).to(ME).type(Message.Type.CHAT).body("m" + n).build();
        XmlElement result = XmlElement.builder(MessageArchive.NAMESPACE, "result").attribute("queryid", queryId).attribute("id", "a" + n)
            .child(Forwarded.CODEC.encode(new Forwarded(archived, Optional.of(Delay.of(Instant.ofEpochSecond(n)))))).build();
        return Message.builder().from(from).to(ME).child(result).build();
    }

    /** A Prosody-like archive: pages of at most 2, {@code complete} only on the last page. */
    private List<XmlElement> archive(Iq query) {
        List<XmlElement> pushed = new ArrayList<>();
        queries.add(query);
        XmlElement q = query.payload().orElseThrow();
        String queryId = q.attribute("queryid");
        XmlElement set = q.element(RSM, "set");
        String after = set.childText(org.reactorxmpp.xmpp.xml.XmlName.of(RSM, "after"));
        int from = after == null ? 0 : Integer.parseInt(after.substring(1)) + 1;
        int to = Math.min(from + 2, 5);
        pushed.add(result(ME.asBare(), "other-query", 99).element());           // another query's result
        pushed.add(result(BareJid.parse("mallory@example.com"), queryId, 98).element()); // forged
        List<Integer> page = new ArrayList<>();
        for (int i = from; i < to; i++) {
            pushed.add(result(i % 2 == 0 ? ME.asBare() : null, queryId, i).element()); // own bare JID or no from
            page.add(i);
        }
        XmlElement.Builder rsm = XmlElement.builder(RSM, "set");
        if (!page.isEmpty()) {
            rsm.textChild(RSM, "first", "a" + page.get(0)).textChild(RSM, "last", "a" + page.get(page.size() - 1));
        }
        XmlElement fin = XmlElement.builder(MessageArchive.NAMESPACE, "fin").attribute("complete", to == 5 ? "true" : null)
            .child(rsm.build()).build();
        pushed.add(query.resultWith(fin).element());
        return pushed;
    }

    @Test
    void allPagesInOrderMatchedByQueryIdWithoutForgedOrForeignResults() {
        serve(3, this::archive);
        List<ArchivedMessage> all = MessageArchive.of(session)
            .query(ArchiveQuery.builder().with(BOB).start(Instant.ofEpochSecond(0)).pageSize(2).build())
            .collectList().block(Duration.ofSeconds(5));
        assertThat(all).extracting(a -> a.forwarded().message().body()).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(all).extracting(ArchivedMessage::archiveId).containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(all.get(3).forwarded().delay()).map(Delay::stamp).contains(Instant.ofEpochSecond(3));
        assertThat(queries).hasSize(3);
        assertThat(queries).extracting(q -> q.payload().orElseThrow().attribute("queryid")).doesNotHaveDuplicates();
        DataForm form = DataForm.CODEC.decode(queries.get(0).payload().orElseThrow().element("jabber:x:data", "x"));
        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.formType()).contains("urn:xmpp:mam:2");
        assertThat(form.fields()).extracting(f -> f.var().orElseThrow()).containsExactly("FORM_TYPE", "with", "start");
        assertThat(form.field("with").flatMap(FormField::value)).contains("bob@example.com");
        assertThat(form.field("start").flatMap(FormField::value)).contains("1970-01-01T00:00:00Z");
    }

    @Test
    void theQueryFormIsADataFormWithOnlyTheFieldsSet() {
        DataForm form = ArchiveQuery.builder().with(BOB).start(Instant.ofEpochSecond(1)).end(Instant.ofEpochSecond(2))
            .ids(List.of("x1", "x2")).build().form();
        assertThat(form.fields()).extracting(f -> f.var().orElseThrow()).containsExactly("FORM_TYPE", "with", "start", "end", "ids");
        assertThat(form.field("FORM_TYPE").orElseThrow().type()).isEqualTo(FieldType.HIDDEN);
        assertThat(form.field("end").flatMap(FormField::value)).contains("1970-01-01T00:00:02Z");
        assertThat(form.field("ids").orElseThrow().type()).isEqualTo(FieldType.LIST_MULTI);
        assertThat(form.field("ids").orElseThrow().values()).containsExactly("x1", "x2");
        assertThat(DataForm.CODEC.decode(DataForm.CODEC.encode(form))).isEqualTo(form);
        assertThat(ArchiveQuery.builder().build().form().fields()).extracting(f -> f.var().orElseThrow()).containsExactly("FORM_TYPE");
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndAnEmptyPageEnds() {
        serve(1, iq -> List.of(iq.resultWith(XmlElement.builder(MessageArchive.NAMESPACE, "fin")
            .child(XmlElement.empty(RSM, "set")).build()).element()));
        var flux = MessageArchive.of(session).query(ArchiveQuery.builder().ids(List.of("x1", "x2")).build());
        assertThat(sent()).isEmpty();
        assertThat(flux.collectList().block(Duration.ofSeconds(5))).isEmpty();
        assertThat(sent()).hasSize(1);
        assertThat(((Iq) sent().get(0)).payload().orElseThrow().toString()).contains("x1").contains("x2").contains("list-multi");
    }

    @Test
    void preferencesRoundTrip() {
        serve(2, iq -> List.of((iq.type() == Iq.Type.GET
            ? iq.resultWith(XmlElement.builder(MessageArchive.NAMESPACE, "prefs").attribute("default", "roster")
                .child(XmlElement.builder(MessageArchive.NAMESPACE, "always").textChild(MessageArchive.NAMESPACE, "jid", "bob@example.com").build())
                .child(XmlElement.empty(MessageArchive.NAMESPACE, "never")).build())
            : iq.resultWith(iq.payload().orElseThrow())).element()));
        MessageArchive archive = MessageArchive.of(session);
        ArchivePreferences got = archive.preferences().block(Duration.ofSeconds(5));
        assertThat(got).isEqualTo(new ArchivePreferences(ArchivePreferences.Default.ROSTER, List.of(BOB), List.of()));
        ArchivePreferences set = new ArchivePreferences(ArchivePreferences.Default.ALWAYS, List.of(), List.of(BOB));
        assertThat(archive.preferences(set).block(Duration.ofSeconds(5))).isEqualTo(set);
    }
}
