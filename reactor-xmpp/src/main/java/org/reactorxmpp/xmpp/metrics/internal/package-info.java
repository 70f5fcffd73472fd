/** Not API: the meters behind {@code XmppMetrics}. */
@NullMarked
package org.reactorxmpp.xmpp.metrics.internal;

import org.jspecify.annotations.NullMarked;
