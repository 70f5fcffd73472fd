package org.reactorxmpp.xmpp.testing;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Hooks;

/**
 * Fails the test during which Reactor dropped an error ({@link Hooks#onErrorDropped}: an error that
 * reached no subscriber, e.g. one signalled after cancellation or after a terminal signal). Reactor's
 * default only logs "Operator called default onErrorDropped"; a library must never lose an error that
 * way, so every test of every module runs with this extension, the way BlockHound is installed for
 * every test.
 *
 * <p>Registered for all Jupiter tests through {@code META-INF/services/org.junit.jupiter.api.extension.Extension}
 * in reactor-xmpp's test-jar, with {@code junit.jupiter.extensions.autodetection.enabled=true} set for
 * Surefire and Failsafe in the parent POM. The hook is installed once per JVM (and again if a test called
 * {@link Hooks#resetOnErrorDropped()}). An error dropped during a test fails that test, with the error as
 * the cause; one dropped in {@code @BeforeAll}/{@code @AfterAll} or between tests fails the test class.
 * Tests that install their own hook too ({@code Hooks.onErrorDropped} adds to the existing one) keep working.
 */
public final class DroppedErrors implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ConcurrentLinkedQueue<Dropped> DROPPED = new ConcurrentLinkedQueue<>();
    /** Dropped outside a test method but within a test class; test classes of a JVM run one after the other. */
    private static final ConcurrentLinkedQueue<Dropped> CLASS_LEVEL = new ConcurrentLinkedQueue<>();

    /** One dropped error, with where and when it was dropped. */
    record Dropped(Throwable error, String thread, Instant at) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
        List<Dropped> before = drain();
        if (!before.isEmpty()) {
            // between test classes: no test was running; blame the next class rather than lose the error
            throw failure(before, "before " + context.getDisplayName() + " started (after the previous test class ended)");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
        // dropped in @BeforeAll or between two tests: the class fails in afterAll
        CLASS_LEVEL.addAll(drain());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Dropped> dropped = drain();
        if (!dropped.isEmpty()) {
            throw failure(dropped, "during " + context.getDisplayName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Dropped> dropped = new ArrayList<>(CLASS_LEVEL);
        CLASS_LEVEL.clear();
        dropped.addAll(drain());
        if (!dropped.isEmpty()) {
            throw failure(dropped, "in " + context.getDisplayName() + " outside its tests (@BeforeAll, @AfterAll or between tests)");
        }
    }

    /** Installs the hook once per JVM, and again if a test reset Reactor's hook. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true) || hookWasReset()) {
            Hooks.onErrorDropped(DroppedErrors::record);
        }
    }

    static void record(Throwable error) {
        DROPPED.add(new Dropped(error, Thread.currentThread().getName(), Instant.now()));
        System.err.println("Reactor dropped an error (onErrorDropped) on thread " + Thread.currentThread().getName()
                + "; the current test fails:");
        error.printStackTrace();
    }

    static List<Dropped> drain() {
        List<Dropped> drained = new ArrayList<>();
        for (Dropped d = DROPPED.poll(); d != null; d = DROPPED.poll()) {
            drained.add(d);
        }
        return drained;
    }

    static AssertionError failure(List<Dropped> dropped, String when) {
        Dropped first = dropped.get(0);
        AssertionError failure = new AssertionError(dropped.size() + " error(s) reached no subscriber "
                + "(Reactor Hooks.onErrorDropped) " + when + "; the first, on thread " + first.thread() + " at "
                + first.at() + ": " + first.error(), first.error());
        for (Dropped other : dropped.subList(1, dropped.size())) {
            failure.addSuppressed(other.error());
        }
        return failure;
    }

    /** True when Reactor's hook field is empty again (a test called {@link Hooks#resetOnErrorDropped()}). */
    private static boolean hookWasReset() {
        @Nullable Object hook;
        try {
            Field field = Hooks.class.getDeclaredField("onErrorDroppedHook");
            field.setAccessible(true);
            hook = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // another Reactor version: rely on the first installation
        }
        return hook == null;
    }
}
