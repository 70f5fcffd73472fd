package org.reactorxmpp.xmpp.session;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.reactorxmpp.xmpp.transport.TransportException;

/**
 * Fake nodes on IP addresses, each a {@link FakeTransport} running {@link ScriptedServer}s, so
 * failover tests can switch nodes up and down and see which URLs the client tried, in order.
 */
final class Cluster {

    enum Mode { UP, DOWN, SILENT_BIND }

    static final String PORT_PATH = ":7335/httpbinding";
    final Map<String, Mode> modes = new ConcurrentHashMap<>();
    final Map<String, FakeTransport> transports = new ConcurrentHashMap<>();
    final Map<String, List<ScriptedServer>> servers = new ConcurrentHashMap<>();
    /** The URL of each connection attempt, in order. */
    final List<URI> tried = new CopyOnWriteArrayList<>();
    /** What every node announces in its SASL mechanisms feature. */
    volatile List<String> announce = List.of();

    static URI url(String ip) {
        return URI.create("http://" + ip + PORT_PATH);
    }

    FakeTransport transport(URI url) {
        String host = url.getHost();
        return transports.computeIfAbsent(host, h -> {
            FakeTransport[] self = new FakeTransport[1];
            self[0] = new FakeTransport(false, c -> {
                tried.add(url);
                Mode mode = modes.getOrDefault(h, Mode.UP);
                if (mode == Mode.DOWN) {
                    return new FakeConnection.Server() {
                        @Override
                        public void opened() {
                            c.fail(new TransportException("connection refused by " + h, true));
                        }
                    };
                }
                ScriptedServer s = new ScriptedServer(c);
                s.hostnames = announce;
                s.answerBind = mode != Mode.SILENT_BIND;
                servers.computeIfAbsent(h, k -> new CopyOnWriteArrayList<>()).add(s);
                return s;
            });
            return self[0];
        });
    }

    ScriptedServer lastServer(String ip) {
        List<ScriptedServer> list = servers.get(ip);
        return list.get(list.size() - 1);
    }

    FakeConnection lastConnection(String ip) {
        return transports.get(ip).last();
    }
}
