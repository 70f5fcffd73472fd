/** Implementation of delivery receipts; not API. */
@NullMarked
package org.reactorxmpp.im.receipts.internal;

import org.jspecify.annotations.NullMarked;
