package org.reactorxmpp.xmpp.xml;

import org.reactorxmpp.xmpp.XmppException;

/**
 * Input that is not acceptable XML for XMPP (malformed, hostile, over a limit) or a value that
 * cannot be written as XML. {@link #reason()} says which.
 */
public final class XmlException extends XmppException {

    private static final long serialVersionUID = 1L;

    /** Why the XML was refused. */
    public enum Reason {
        /** Not well-formed: syntax error, bad encoding, second root element, truncated input. */
        MALFORMED,
        /** A feature RFC 6120 section 11.1 forbids: DTD, entity reference, processing instruction, comment. */
        RESTRICTED,
        /** Nesting deeper than {@link XmlLimits#maxDepth()}. */
        DEPTH_LIMIT,
        /** More attributes on one element than {@link XmlLimits#maxAttributes()}. */
        ATTRIBUTE_LIMIT,
        /** A text node or attribute value longer than {@link XmlLimits#maxTextLength()}. */
        TEXT_LIMIT,
        /** More input than {@link XmlLimits#maxDocumentSize()}. */
        SIZE_LIMIT,
        /** A character that XML 1.0 cannot represent, found while writing. */
        ILLEGAL_CHARACTER,
        /** Reading the underlying input failed. */
        IO
    }

    private final Reason reason;

    public XmlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public XmlException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the XML was refused */
    public Reason reason() {
        return reason;
    }
}
