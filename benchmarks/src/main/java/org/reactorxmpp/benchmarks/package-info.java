/**
 * JMH micro-benchmarks and load harnesses.
 */
@NullMarked
package org.reactorxmpp.benchmarks;

import org.jspecify.annotations.NullMarked;
