package org.reactorxmpp.xmpp.testing;

/** The real servers the suite runs against, each with the harness' standard configuration. */
public enum XmppServerKind {

    /** Prosody 0.12 (Debian {@code prosody}); BOSH counts as secure, so PLAIN is offered over plain-HTTP BOSH. */
    PROSODY("Prosody", "prosody"),

    /** ejabberd 23.01 (Debian {@code ejabberd}); offers PLAIN and SCRAM-SHA-1 on every transport. */
    EJABBERD("ejabberd", "ejabberd");

    private final String displayName;
    private final String debianPackage;

    XmppServerKind(String displayName, String debianPackage) {
        this.displayName = displayName;
        this.debianPackage = debianPackage;
    }

    /** As in test names: {@code Prosody}, {@code ejabberd}. */
    public String displayName() {
        return displayName;
    }

    /** The Debian package to install. */
    public String debianPackage() {
        return debianPackage;
    }

    public boolean isInstalled() {
        return this == PROSODY ? ProsodyServer.isInstalled() : EjabberdServer.isInstalled();
    }

    /** A server with the standard configuration, not started yet. */
    public XmppTestServer create() {
        return this == PROSODY
                ? ProsodyServer.builder().considerBoshSecure(true).module("smacks") // XEP-0198, as ejabberd has it
                    .logLevel(System.getProperty("reactorxmpp.prosodyLogLevel", "info")).build()
                : EjabberdServer.builder().build();
    }
}
