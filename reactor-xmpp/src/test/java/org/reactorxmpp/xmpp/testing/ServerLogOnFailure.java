package org.reactorxmpp.xmpp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the last lines of the shared servers' logs when a test fails: the server named in the failing
 * test's display names (e.g. {@code [2] ejabberd}), or every shared server started so far.
 */
final class ServerLogOnFailure implements TestWatcher {

    private static final int LOG_LINES = 200;

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        List<XmppTestServer> started = XmppServers.started(context);
        List<XmppTestServer> named = new ArrayList<>();
        for (XmppTestServer server : started) {
            if (namedInContext(context, server.name())) {
                named.add(server);
            }
        }
        for (XmppTestServer server : named.isEmpty() ? started : named) {
            System.err.println("---- last " + LOG_LINES + " lines of the " + server.name() + " log (" + server
                    + ") after failure of " + context.getDisplayName() + " ----\n" + server.logTail(LOG_LINES)
                    + "\n---- end of " + server.name() + " log ----");
        }
    }

    private static boolean namedInContext(ExtensionContext context, String name) {
        Optional<ExtensionContext> current = Optional.of(context);
        while (current.isPresent()) {
            if (current.get().getDisplayName().contains(name)) {
                return true;
            }
            current = current.get().getParent();
        }
        return false;
    }
}
