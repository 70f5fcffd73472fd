/**
 * The fixed corpus of realistic stanzas that the parse and serialize benchmarks share.
 */
@NullMarked
package org.reactorxmpp.benchmarks.corpus;

import org.jspecify.annotations.NullMarked;
