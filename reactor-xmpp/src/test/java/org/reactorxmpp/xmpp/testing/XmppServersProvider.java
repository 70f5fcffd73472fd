package org.reactorxmpp.xmpp.testing;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Provides the shared servers of {@link XmppServersSource}, each named by its product. */
final class XmppServersProvider implements ArgumentsProvider, AnnotationConsumer<XmppServersSource> {

    private List<XmppServerKind> kinds = List.of(XmppServerKind.values());

    @Override
    public void accept(XmppServersSource source) {
        kinds = List.of(source.value());
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        // -Dreactorxmpp.servers=Prosody (display names, comma-separated) narrows a run to some servers
        String only = System.getProperty("reactorxmpp.servers", "");
        return kinds.stream().filter(kind -> only.isBlank() || List.of(only.split(",")).contains(kind.displayName()))
            .map(kind -> {
            if (!kind.isInstalled()) {
                XmppServers.failOnCi(kind, System.getenv("CI"));
                // outside CI: each test that uses the stand-in is aborted with the install hint
                return Arguments.of(Named.of(kind.displayName() + " (not installed)", XmppServers.unavailable(kind)));
            }
            return Arguments.of(Named.of(kind.displayName(), XmppServers.argument(kind)));
        });
    }
}
