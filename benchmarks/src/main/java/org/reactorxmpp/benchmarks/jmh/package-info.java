/**
 * JMH micro-benchmarks: parsing and serializing the corpus (ours and Smack's), IQ correlation throughput.
 */
@NullMarked
package org.reactorxmpp.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
