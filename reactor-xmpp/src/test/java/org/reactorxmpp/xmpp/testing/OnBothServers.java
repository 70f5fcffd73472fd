package org.reactorxmpp.xmpp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedClass;

/**
 * Runs every test of the class once per {@linkplain XmppServers shared} server (Prosody, then ejabberd):
 * a {@code @ParameterizedClass} whose single argument, an {@link XmppTestServer}, is injected into a
 * {@code @Parameter} field or the constructor, so {@code @BeforeEach} methods can use it.
 *
 * <pre>{@code
 * @OnBothServers
 * class XmppSessionIT {
 *     @Parameter
 *     XmppTestServer server;
 *
 *     @BeforeEach
 *     void connect() { ... server.boshUrl() ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ParameterizedClass(name = "{0}")
@XmppServersSource
public @interface OnBothServers {
}
