package org.reactorxmpp.samples.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The static pages, read from the class path once at start (before the server binds), then served from
 * memory: nothing reads a file on an event loop.
 */
final class Pages {

    private static final Map<String, String> FILES = Map.of(
        "/", "visitor.html",
        "/agent", "agent.html",
        "/portal.css", "portal.css",
        "/portal.js", "portal.js",
        "/visitor.js", "visitor.js",
        "/agent.js", "agent.js");

    private final Map<String, byte[]> bodies;

    private Pages(Map<String, byte[]> bodies) {
        this.bodies = bodies;
    }

    static Pages load() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        FILES.forEach((path, file) -> {
            try (InputStream in = Pages.class.getResourceAsStream("/portal/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource portal/" + file);
                }
                bodies.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Pages(bodies);
    }

    HttpServerRoutes serve(HttpServerRoutes routes) {
        bodies.forEach((path, body) -> routes.get(path, (request, response) -> response
            .header(HttpHeaderNames.CONTENT_TYPE, type(FILES.get(path)))
            .header("Content-Security-Policy", "script-src 'self'; object-src 'none'; base-uri 'none'")
            .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
            .sendByteArray(Mono.just(body))));
        return routes;
    }

    private static String type(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    }
}
