package org.reactorxmpp.samples.guide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.config.XmppClientConfig;
import org.reactorxmpp.xmpp.failover.NodeStore;
import org.reactorxmpp.xmpp.session.XmppClient;

/** docs/configuration.md */
final class Configuration {

    private Configuration() {
    }

    static XmppClient fromFile(Path file, char[] password) {
        // tag::json[]
        XmppClientConfig config;
        try (InputStream json = Files.newInputStream(file)) {          // read once, at start-up
            config = XmppClientConfig.fromJson(json);                   // XmppConfigException names a bad key
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        XmppClient client = config.applyTo(XmppClient.builder().password(password),   // never in the JSON
                url -> BoshTransport.builder().url(url).build(),       // httpBindingURL (+ _secondary, or CUP)
                NodeStore.none())
            .build();
        // end::json[]
        return client;
    }
}
