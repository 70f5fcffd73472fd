package org.reactorxmpp.xmpp.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks which {@link ProsodyExtension} injects a {@link ProsodyServer} parameter when a test class
 * registers several, by the name given to {@link ProsodyExtension.Builder#name(String)}.
 *
 * <pre>{@code
 * @Test
 * void failover(@ProsodyInstance("home") ProsodyServer home, @ProsodyInstance("backup") ProsodyServer backup) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ProsodyInstance {

    /** The extension's name. */
    String value();
}
