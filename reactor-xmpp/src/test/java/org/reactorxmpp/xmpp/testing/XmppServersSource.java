package org.reactorxmpp.xmpp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Arguments source of the {@linkplain XmppServers shared} test servers, one {@link XmppTestServer}
 * argument per kind (named {@code Prosody} / {@code ejabberd}), for a {@code @ParameterizedTest} method
 * or a {@code @ParameterizedClass} (see {@link OnBothServers}). On a failure the last log lines of the
 * servers started in the run are printed.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @XmppServersSource
 * void login(XmppTestServer server) { ... }
 * }</pre>
 *
 * <p>A server that is not installed fails the test when {@code CI=true}; otherwise each test that uses it
 * is aborted (reported as skipped) with the install hint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ArgumentsSource(XmppServersProvider.class)
@ExtendWith(ServerLogOnFailure.class)
public @interface XmppServersSource {

    /** The servers, in this order; default both. */
    XmppServerKind[] value() default {XmppServerKind.PROSODY, XmppServerKind.EJABBERD};
}
