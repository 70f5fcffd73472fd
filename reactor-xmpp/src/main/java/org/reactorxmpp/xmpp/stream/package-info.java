/**
 * Stream-level values shared by all transports: stream features and the namespaces of the stream.
 */
@NullMarked
package org.reactorxmpp.xmpp.stream;

import org.jspecify.annotations.NullMarked;
