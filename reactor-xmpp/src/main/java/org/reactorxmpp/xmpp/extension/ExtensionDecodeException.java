package org.reactorxmpp.xmpp.extension;

import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * An extension element could not be decoded: its content is invalid for the extension, or the
 * codec broke the {@link ExtensionCodec} contract. The message names the codec and the element.
 */
public final class ExtensionDecodeException extends XmppException {

    private static final long serialVersionUID = 1L;

    private final XmlName element;

    public ExtensionDecodeException(XmlName element, String message) {
        super(message);
        this.element = element;
    }

    public ExtensionDecodeException(XmlName element, String message, Throwable cause) {
        super(message, cause);
        this.element = element;
    }

    /** @return the name of the element being decoded */
    public XmlName element() {
        return element;
    }
}
