/** Message delivery receipts (XEP-0184): {@link org.reactorxmpp.im.receipts.Receipts}. */
@NullMarked
package org.reactorxmpp.im.receipts;

import org.jspecify.annotations.NullMarked;
