/**
 * The load harness: logins, round trips, floods and the HTTP floor against a local Prosody, ours and Smack side by side.
 */
@NullMarked
package org.reactorxmpp.benchmarks.load;

import org.jspecify.annotations.NullMarked;
