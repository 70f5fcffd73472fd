/** Message carbons (XEP-0280): {@link org.reactorxmpp.im.carbons.Carbons}. */
@NullMarked
package org.reactorxmpp.im.carbons;

import org.jspecify.annotations.NullMarked;
