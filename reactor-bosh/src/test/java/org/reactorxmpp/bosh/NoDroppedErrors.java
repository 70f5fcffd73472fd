package org.reactorxmpp.bosh;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import reactor.core.publisher.Hooks;

/**
 * Installed for every test of this module (JUnit extension autodetection, like BlockHound): an error that
 * reaches no subscriber and ends in Reactor's {@code onErrorDropped} fails the test during which it was dropped.
 * Such an error is a failure nobody saw (it was how a dropped {@code BoshException} hid in ManyLoginsIT).
 */
public final class NoDroppedErrors implements BeforeEachCallback, AfterEachCallback {

    private static final Queue<Throwable> DROPPED = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        DROPPED.clear();
        Hooks.onErrorDropped(e -> {
            // an error a subscriber without an error callback received (a test's fire-and-forget subscribe())
            // did reach a subscriber; what is hunted here is an error that reached none
            if (!reactor.core.Exceptions.isErrorCallbackNotImplemented(e)) {
                DROPPED.add(e);
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Throwable> dropped = new ArrayList<>(DROPPED);
        DROPPED.clear();
        if (!dropped.isEmpty()) {
            AssertionError failure = new AssertionError(dropped.size() + " error(s) reached no subscriber"
                + " (Hooks.onErrorDropped), the first: " + dropped.get(0), dropped.get(0));
            dropped.stream().skip(1).limit(4).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
