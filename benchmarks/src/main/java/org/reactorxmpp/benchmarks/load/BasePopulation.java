package org.reactorxmpp.benchmarks.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The counters every {@link Population} keeps: login failures, drops, failed answers, first errors. */
abstract class BasePopulation implements Population {

    final ErrorLog errors = new ErrorLog();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicInteger replyFailures = new AtomicInteger();
    final AtomicInteger loginFailures = new AtomicInteger();

    @Override
    public int loginFailures() {
        return loginFailures.get();
    }

    @Override
    public int drops() {
        return drops.get();
    }

    @Override
    public int replyFailures() {
        return replyFailures.get();
    }

    @Override
    public List<String> firstErrors() {
        return errors.first();
    }
}
