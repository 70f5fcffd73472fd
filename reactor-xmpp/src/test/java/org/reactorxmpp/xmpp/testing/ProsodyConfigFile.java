package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code prosody/prosody.cfg.lua.template} (a classpath resource, so it also works from
 * the test-jar) and copies the harness' own Lua plugins out of the classpath into the instance
 * directory.
 */
final class ProsodyConfigFile {

    static final String TEMPLATE = "prosody/prosody.cfg.lua.template";

    /** Lua plugins shipped with the harness under {@code prosody/plugins/}. */
    static final List<String> HARNESS_PLUGINS = List.of("mod_test_pubsub_create.lua", "mod_test_muc_maxusers.lua");

    private ProsodyConfigFile() {
    }

    static void write(ProsodyServer server, ProsodyServer.Settings settings, Path dir) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            for (String plugin : HARNESS_PLUGINS) {
                Files.write(plugins.resolve(plugin), HarnessSupport.resource("prosody/plugins/" + plugin));
            }
            Files.createDirectories(dir.resolve("certs"));
            Files.createDirectories(dir.resolve("data"));

            List<String> pluginPaths = new ArrayList<>();
            pluginPaths.add(plugins.toString());
            settings.pluginPaths().forEach(p -> pluginPaths.add(p.toAbsolutePath().toString()));

            Map<String, String> values = new LinkedHashMap<>();
            values.put("PIDFILE", Lua.string(dir.resolve("prosody.pid").toString()));
            values.put("DATA_PATH", Lua.string(dir.resolve("data").toString()));
            values.put("CERTS_PATH", Lua.string(dir.resolve("certs").toString()));
            values.put("PLUGIN_PATHS", luaList(pluginPaths));
            values.put("LOG_LEVEL", Lua.string(settings.logLevel()));
            values.put("LOG_FILE", Lua.string(dir.resolve("prosody.log").toString()));
            values.put("ADDRESS", Lua.string(server.address()));
            values.put("C2S_PORT", Integer.toString(server.c2sPort()));
            values.put("HTTP_PORT", Integer.toString(server.httpPort()));
            values.put("ALLOW_UNENCRYPTED_PLAIN_AUTH", Boolean.toString(settings.allowUnencryptedPlainAuth()));
            values.put("CONSIDER_BOSH_SECURE", Boolean.toString(settings.considerBoshSecure()));
            values.put("AUTHENTICATION", Lua.string(settings.authentication().prosodyName()));
            values.put("PASSWORD_HASH", Lua.string(settings.passwordHash().prosodyName()));
            List<String> modules = new ArrayList<>(settings.extraModules());
            List<String> extra = new ArrayList<>(settings.extraConfig());
            TestCertificates tls = settings.tls();
            if (tls != null) {
                // the certificates directory holds HOST.crt/.key; these lines come after the template's and win
                Files.copy(tls.certificate(), dir.resolve("certs").resolve(server.host() + ".crt"));
                Files.copy(tls.key(), dir.resolve("certs").resolve(server.host() + ".key"));
                modules.add("tls");
                extra.add("modules_disabled = { \"s2s\" }");
                extra.add("c2s_direct_tls_ports = { " + server.directTlsPort() + " }");
                // WebSocket over TLS (wss://): the https service, with the certificate also for clients sending no SNI
                extra.add("https_ports = { " + server.httpsPort() + " }");
                extra.add("https_ssl = { certificate = " + Lua.string(dir.resolve("certs").resolve(server.host() + ".crt")
                    .toString()) + "; key = " + Lua.string(dir.resolve("certs").resolve(server.host() + ".key").toString())
                    + " }");
            }
            values.put("EXTRA_MODULES", modules.isEmpty() ? "" : luaList(modules) + ";");
            values.put("EXTRA_CONFIG", String.join("\n", extra));
            values.put("HOST", Lua.string(server.host()));
            values.put("MUC_HOST", Lua.string(server.mucHost()));
            values.put("PUBSUB_HOST", Lua.string(server.pubsubHost()));
            values.put("MUC_ROOM_LOCKING", Boolean.toString(settings.mucRoomLocking()));

            String config = new String(HarnessSupport.resource(TEMPLATE), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                config = config.replace("@" + e.getKey() + "@", e.getValue());
            }
            Files.writeString(dir.resolve("prosody.cfg.lua"), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Prosody configuration in " + dir, e);
        }
    }

    private static String luaList(List<String> values) {
        return values.stream().map(Lua::string).collect(Collectors.joining("; "));
    }
}
