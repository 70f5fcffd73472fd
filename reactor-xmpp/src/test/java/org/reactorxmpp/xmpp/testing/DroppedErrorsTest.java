package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * {@link DroppedErrors} fails the test during which Reactor dropped an error, and only that test: sample
 * test classes run inside the JUnit Platform test kit with extension auto-detection on, as in the build.
 */
class DroppedErrorsTest {

    /** Lets the sample classes run only inside the kit, never on their own in the build. */
    static volatile boolean insideKit;

    @Test
    void anErrorDroppedByAnOperatorFailsThatTestWithTheErrorAsCause() {
        EngineExecutionResults results = run(DropsInOneTest.class);

        results.testEvents().assertThatEvents()
            .haveExactly(1, event(test("dropsAfterComplete"), finishedWithFailure(
                instanceOf(AssertionError.class), message(m -> m.contains("Hooks.onErrorDropped")),
                cause(instanceOf(IllegalStateException.class), message("signalled after onComplete")))))
            .haveExactly(1, event(test("dropsNothing"), finishedSuccessfully()));
    }

    @Test
    void anErrorDroppedOnAnotherThreadDuringTheTestFailsIt() {
        EngineExecutionResults results = run(DropsOnAnotherThread.class);

        results.testEvents().assertThatEvents()
            .haveExactly(1, event(test("dropsOnASchedulerThread"), finishedWithFailure(
                message(m -> m.contains("on thread dropped-errors-test")),
                cause(message("dropped elsewhere")))));
    }

    @Test
    void anErrorDroppedOutsideTheTestsFailsTheClass() {
        EngineExecutionResults results = run(DropsInAfterAll.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("passes"), finishedSuccessfully()));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(DropsInAfterAll.class),
            finishedWithFailure(message(m -> m.contains("outside its tests")), cause(message("in @AfterAll")))));
    }

    @Test
    void aTestThatResetsReactorsHooksDoesNotSwitchTheCheckOff() {
        EngineExecutionResults results = run(ResetsHooksFirst.class);

        results.testEvents().assertThatEvents()
            .haveExactly(1, event(test("resets"), finishedSuccessfully()))
            .haveExactly(1, event(test("dropsAfterTheReset"), finishedWithFailure(cause(message("after a reset")))));
    }

    private static EngineExecutionResults run(Class<?> sample) {
        insideKit = true;
        try {
            return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(sample))
                .execute();
        } finally {
            insideKit = false;
        }
    }

    /** A publisher that breaks the rules: an error after completion, which the operator above must drop. */
    private static Publisher<Integer> completesThenFails(String message) {
        return subscriber -> {
            subscriber.onSubscribe(Operators.emptySubscription());
            subscriber.onComplete();
            subscriber.onError(new IllegalStateException(message));
        };
    }

    static final class OnlyInsideKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return insideKit ? ConditionEvaluationResult.enabled("inside the test kit")
                : ConditionEvaluationResult.disabled("a sample for DroppedErrorsTest");
        }
    }

    @ExtendWith(OnlyInsideKit.class)
    static class DropsInOneTest {
        @Test
        void dropsAfterComplete() {
            Flux.from(completesThenFails("signalled after onComplete")).map(i -> i + 1).subscribe();
        }

        @Test
        void dropsNothing() {
            Flux.just(1).map(i -> i + 1).subscribe();
        }
    }

    @ExtendWith(OnlyInsideKit.class)
    static class DropsOnAnotherThread {
        @Test
        void dropsOnASchedulerThread() throws InterruptedException {
            CountDownLatch done = new CountDownLatch(1);
            var scheduler = Schedulers.newSingle("dropped-errors-test");
            try {
                scheduler.schedule(() -> {
                    Operators.onErrorDropped(new IllegalStateException("dropped elsewhere"), Context.empty());
                    done.countDown();
                });
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                scheduler.dispose();
            }
        }
    }

    @ExtendWith(OnlyInsideKit.class)
    static class DropsInAfterAll {
        @Test
        void passes() {
        }

        @AfterAll
        static void drop() {
            Flux.from(completesThenFails("in @AfterAll")).map(i -> i).subscribe(i -> { }, e -> { });
        }
    }

    @ExtendWith(OnlyInsideKit.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetsHooksFirst {
        @Test
        @Order(1)
        void resets() {
            Hooks.resetOnErrorDropped();
        }

        @Test
        @Order(2)
        void dropsAfterTheReset() {
            Flux.from(completesThenFails("after a reset")).map(i -> i).subscribe();
        }
    }
}
