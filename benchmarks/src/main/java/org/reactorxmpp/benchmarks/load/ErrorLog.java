package org.reactorxmpp.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the first few errors of a run (the count of all of them is kept by the caller). Thread-safe. */
final class ErrorLog {

    private static final int KEPT = 5;

    private final Queue<String> first = new ConcurrentLinkedQueue<>();
    private final AtomicInteger seen = new AtomicInteger();

    void add(String error) {
        if (seen.getAndIncrement() < KEPT) {
            first.add(error);
        }
    }

    List<String> first() {
        return new ArrayList<>(first);
    }
}
