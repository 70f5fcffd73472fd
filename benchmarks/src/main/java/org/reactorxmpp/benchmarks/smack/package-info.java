/**
 * Smack 4.4.8 adapters used only by the benchmarks (the library never depends on Smack).
 */
@NullMarked
package org.reactorxmpp.benchmarks.smack;

import org.jspecify.annotations.NullMarked;
