/**
 * Implementation of the BOSH transport. Not API: may change without notice.
 */
@NullMarked
package org.reactorxmpp.bosh.internal;

import org.jspecify.annotations.NullMarked;
