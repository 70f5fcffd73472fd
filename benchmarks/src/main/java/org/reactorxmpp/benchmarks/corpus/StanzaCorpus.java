package org.reactorxmpp.benchmarks.corpus;

import java.nio.charset.StandardCharsets;

/**
 * The fixed corpus of realistic stanzas that every parse and serialize benchmark uses, ours and
 * Smack's alike, as UTF-8 bytes. Each entry is one complete XML document: a stanza in the
 * {@code jabber:client} namespace, or (for {@link #BOSH_BODY}) a BOSH {@code <body/>} wrapping 20
 * stanzas. The texts are deterministic, so results from different runs parse the very same bytes.
 *
 * <pre>{@code
 * byte[] bytes = StanzaCorpus.ROSTER_PUSH.bytes();
 * }</pre>
 */
public enum StanzaCorpus {

    /** A chat message with a body, an XHTML-IM body (XEP-0071), a chat state (XEP-0085) and a thread. */
    CHAT_XHTML(chatMessage(1)),
    /** Available presence with show, status, priority and entity capabilities (XEP-0115). */
    PRESENCE_CAPS(presence(1)),
    /** A roster push (RFC 6121 2.1.6) carrying 50 items with names and groups. */
    ROSTER_PUSH(rosterPush(50)),
    /** A MUC groupchat message (XEP-0045) from room history, with a delay (XEP-0203). */
    MUC_DELAY(mucMessage(1)),
    /** A PubSub event notification (XEP-0060) carrying an Atom entry. */
    PUBSUB_ATOM(pubsubAtom()),
    /** A BOSH body (XEP-0124) with 20 stanzas of the kinds above, as a connection manager returns them. */
    BOSH_BODY(boshBody(20));

    /** The namespace of a BOSH body. */
    public static final String HTTPBIND = "http://jabber.org/protocol/httpbind";

    private final String xml;
    private final byte[] bytes;

    StanzaCorpus(String xml) {
        this.xml = xml;
        this.bytes = xml.getBytes(StandardCharsets.UTF_8);
    }

    /** @return a copy of the UTF-8 bytes of this entry */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the text of this entry */
    public String xml() {
        return xml;
    }

    /** @return how many stanzas this entry holds (20 for the BOSH body, 1 otherwise) */
    public int stanzaCount() {
        return this == BOSH_BODY ? 20 : 1;
    }

    /** @return whether this entry is a BOSH body wrapping stanzas rather than one stanza */
    public boolean isBody() {
        return this == BOSH_BODY;
    }

    private static String chatMessage(int n) {
        return "<message xmlns='jabber:client' from='juliet@capulet.example/balcony' to='romeo@montague.example'"
            + " type='chat' id='chat-" + n + "' xml:lang='en'>"
            + "<body>Art thou not Romeo, and a Montague? (" + n + ")</body>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'>"
            + "<body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p style='font-weight:bold'>Art thou not <em>Romeo</em>, and a "
            + "<span style='color:#800000'>Montague</span>? (" + n + ")</p>"
            + "</body></html>"
            + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<thread>e0ffe42b28561960c6b12b944a092794b9683a38</thread>"
            + "</message>";
    }

    private static String presence(int n) {
        return "<presence xmlns='jabber:client' from='romeo@montague.example/orchard-" + n + "' id='pres-" + n + "'>"
            + "<show>away</show><status>Wherefore art thou?</status><priority>5</priority>"
            + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
            + " node='https://github.com/reactor-xmpp' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
            + "</presence>";
    }

    private static String rosterPush(int items) {
        StringBuilder sb = new StringBuilder(items * 160);
        sb.append("<iq xmlns='jabber:client' type='set' id='push-1' to='juliet@capulet.example/balcony'>")
            .append("<query xmlns='jabber:iq:roster' ver='ver-").append(items).append("'>");
        String[] subscriptions = {"both", "to", "from", "none"};
        for (int i = 1; i <= items; i++) {
            sb.append("<item jid='contact").append(i).append("@montague.example' name='Contact number ").append(i)
                .append("' subscription='").append(subscriptions[i % subscriptions.length]).append('\'');
            if (i % 7 == 0) {
                sb.append(" ask='subscribe'");
            }
            sb.append("><group>Friends</group>");
            if (i % 3 == 0) {
                sb.append("<group>Verona ").append(i % 5).append("</group>");
            }
            sb.append("</item>");
        }
        return sb.append("</query></iq>").toString();
    }

    private static String mucMessage(int n) {
        return "<message xmlns='jabber:client' from='coven@chat.shakespeare.example/firstwitch'"
            + " to='hecate@shakespeare.example/broom' type='groupchat' id='muc-" + n + "'>"
            + "<body>Thrice the brinded cat hath mew'd. (" + n + ")</body>"
            + "<delay xmlns='urn:xmpp:delay' from='coven@chat.shakespeare.example' stamp='2002-10-13T23:58:37Z'/>"
            + "<stanza-id xmlns='urn:xmpp:sid:0' by='coven@chat.shakespeare.example' id='5f3dbc5e-e1d3-4077-a492-693f3769c7ad'/>"
            + "</message>";
    }

    private static String pubsubAtom() {
        return "<message xmlns='jabber:client' from='pubsub.shakespeare.example' to='francisco@denmark.example' id='foo'>"
            + "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
            + "<items node='princely_musings'>"
            + "<item id='ae890ac52d0df67ed7cfdf51b644e901'>"
            + "<entry xmlns='http://www.w3.org/2005/Atom'>"
            + "<title>Soliloquy</title>"
            + "<summary>To be, or not to be: that is the question: Whether 'tis nobler in the mind to suffer"
            + " The slings and arrows of outrageous fortune, Or to take arms against a sea of troubles,"
            + " And by opposing end them?</summary>"
            + "<link rel='alternate' type='text/html' href='http://denmark.lit/2003/12/13/atom03'/>"
            + "<id>tag:denmark.lit,2003:entry-32397</id>"
            + "<published>2003-12-13T18:30:02Z</published>"
            + "<updated>2003-12-13T18:30:02Z</updated>"
            + "</entry></item></items></event>"
            + "<headers xmlns='http://jabber.org/protocol/shim'><header name='pubsub#subid'>123-abc</header></headers>"
            + "</message>";
    }

    private static String boshBody(int stanzas) {
        StringBuilder sb = new StringBuilder(stanzas * 500);
        sb.append("<body xmlns='" + HTTPBIND + "' xmlns:stream='http://etherx.jabber.org/streams'")
            .append(" sid='ba2c5b8d-5b4d-4e6c-9b0f-2f5f0f9c6f61' ack='10374'>");
        for (int i = 1; i <= stanzas; i++) {
            switch (i % 3) {
                case 0:
                    sb.append(chatMessage(i));
                    break;
                case 1:
                    sb.append(presence(i));
                    break;
                default:
                    sb.append(mucMessage(i));
                    break;
            }
        }
        return sb.append("</body>").toString();
    }
}
