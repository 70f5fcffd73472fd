/**
 * Turns the harness's and JMH's JSON output into RESULTS.md tables and SVG charts.
 */
@NullMarked
package org.reactorxmpp.benchmarks.report;

import org.jspecify.annotations.NullMarked;
