/**
 * XHTML-IM (XEP-0071): rich messages built from a safe subset, and received markup sanitised to the
 * XEP's recommended profile: {@link org.reactorxmpp.im.xhtml.XhtmlIm}, {@link org.reactorxmpp.im.xhtml.XhtmlSanitizer}.
 */
@NullMarked
package org.reactorxmpp.im.xhtml;

import org.jspecify.annotations.NullMarked;
