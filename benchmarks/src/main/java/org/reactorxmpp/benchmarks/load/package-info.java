/**
 * The load harness: logins (with a concurrency sweep), round trips, floods, the HTTP floor, fan-out and soak
 * scenarios against a fresh local Prosody per contender and round, ours and Smack side by side with a raw
 * BOSH client as the server-bound reference, and client and server CPU per operation.
 */
@NullMarked
package org.reactorxmpp.benchmarks.load;

import org.jspecify.annotations.NullMarked;
