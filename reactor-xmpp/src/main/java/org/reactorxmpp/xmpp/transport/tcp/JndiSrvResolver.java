package org.reactorxmpp.xmpp.transport.tcp;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link SrvResolver#jndi()}: the JDK's JNDI DNS provider, a blocking call moved to {@code boundedElastic}. */
final class JndiSrvResolver implements SrvResolver {

    static final JndiSrvResolver INSTANCE = new JndiSrvResolver();

    private JndiSrvResolver() {
    }

    @Override
    public Mono<List<Record>> lookup(String name) {
        return Mono.fromCallable(() -> query(name)).subscribeOn(Schedulers.boundedElastic());
    }

    private static List<Record> query(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        DirContext ctx = new InitialDirContext(env);
        try {
            Attributes attributes = ctx.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attributes.get("SRV");
            List<Record> records = new ArrayList<>();
            if (srv == null) {
                return records;
            }
            NamingEnumeration<?> values = srv.getAll();
            while (values.hasMore()) {
                records.add(parse(String.valueOf(values.next())));
            }
            return records;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            ctx.close();
        }
    }

    /** @param value {@code "priority weight port target."} as JNDI gives it */
    static Record parse(String value) {
        String[] f = value.trim().split("\\s+");
        if (f.length != 4) {
            throw new IllegalArgumentException("not an SRV record: " + value);
        }
        String target = f[3].length() > 1 && f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
        return new Record(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), target);
    }
}
