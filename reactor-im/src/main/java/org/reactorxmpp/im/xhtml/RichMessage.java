package org.reactorxmpp.im.xhtml;

import java.util.Objects;

import org.reactorxmpp.xmpp.stanza.Message;

/**
 * A received message with XHTML-IM content.
 *
 * @param message the message as received (its plain {@code body} is the fallback)
 * @param html the XHTML body's content sanitised by {@link XhtmlSanitizer}: safe to insert in a page
 */
public record RichMessage(Message message, String html) {

    /** Checks for nulls. */
    public RichMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(html, "html");
    }
}
