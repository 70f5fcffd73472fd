/** Implementation of XHTML-IM; not API. */
@NullMarked
package org.reactorxmpp.im.xhtml.internal;

import org.jspecify.annotations.NullMarked;
