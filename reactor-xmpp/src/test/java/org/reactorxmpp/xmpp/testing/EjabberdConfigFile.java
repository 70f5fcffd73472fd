package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@code ejabberd/ejabberd.yml.template} (a classpath resource, so it also works from the test-jar). */
final class EjabberdConfigFile {

    static final String TEMPLATE = "ejabberd/ejabberd.yml.template";

    private EjabberdConfigFile() {
    }

    static void write(EjabberdServer server, EjabberdServer.Settings settings, Path dir) {
        try {
            Files.createDirectories(dir.resolve("spool"));
            Files.createDirectories(dir.resolve("logs"));
            Map<String, String> values = new LinkedHashMap<>();
            values.put("HOST", yaml(server.host()));
            values.put("LOG_LEVEL", settings.logLevel());
            values.put("SCRAM_HASH", settings.scramHash().ejabberdName());
            values.put("ADDRESS", yaml(server.address()));
            values.put("C2S_PORT", Integer.toString(server.c2sPort()));
            values.put("HTTP_PORT", Integer.toString(server.httpPort()));
            values.put("BOSH_MAX_INACTIVITY", Integer.toString(settings.boshMaxInactivitySeconds()));
            values.put("MUC_HOST", yaml(server.mucHost()));
            values.put("PUBSUB_HOST", yaml(server.pubsubHost()));
            java.util.List<String> extra = new java.util.ArrayList<>(settings.extraConfig());
            TestCertificates tls = settings.tls();
            String c2sTls = "";
            String listeners = "";
            if (tls != null) {
                extra.add("certfiles:\n  - " + yaml(tls.combined().toString()));
                c2sTls = "starttls: true";
                listeners = "  -\n    port: " + server.directTlsPort() + "\n    ip: " + yaml(server.address())
                    + "\n    module: ejabberd_c2s\n    tls: true\n    max_stanza_size: 1048576\n    access: c2s"
                    // WebSocket over TLS (wss://)
                    + "\n  -\n    port: " + server.httpsPort() + "\n    ip: " + yaml(server.address())
                    + "\n    module: ejabberd_http\n    tls: true\n    request_handlers:\n      /xmpp-websocket: ejabberd_http_ws";
            }
            values.put("C2S_TLS", c2sTls);
            values.put("EXTRA_LISTENERS", listeners);
            values.put("EXTRA_CONFIG", String.join("\n", extra));
            String config = new String(HarnessSupport.resource(TEMPLATE), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                config = config.replace("@" + e.getKey() + "@", e.getValue());
            }
            Files.writeString(dir.resolve("ejabberd.yml"), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ejabberd configuration in " + dir, e);
        }
    }

    /** A double-quoted YAML scalar. */
    static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
