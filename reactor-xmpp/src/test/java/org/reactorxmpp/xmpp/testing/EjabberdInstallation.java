package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Where the installed ejabberd's pieces are, read from its control script (Debian: {@code ERL="/usr/bin/erl"},
 * {@code ERL_LIBS='/usr/lib/x86_64-linux-gnu'}).
 *
 * @param erl the Erlang launcher
 * @param erlCall {@code erl_call} next to it (package {@code erlang-base})
 * @param erlLibs the directory holding {@code ejabberd-VERSION} and its dependencies
 */
record EjabberdInstallation(Path erl, Path erlCall, Path erlLibs) {

    private static final Pattern ERL = Pattern.compile("(?m)^ERL=[\"']?([^\"'\\s]+)[\"']?\\s*$");
    private static final Pattern ERL_LIBS = Pattern.compile("(?m)^ERL_LIBS=[\"']?([^\"'\\s]+)[\"']?\\s*$");

    /** The installation the script points at, or null if the script, erl, erl_call or ejabberd's libraries are missing. */
    static @Nullable EjabberdInstallation find(Path ejabberdctl) {
        String script;
        try {
            script = Files.readString(ejabberdctl);
        } catch (IOException e) {
            return null;
        }
        Optional<Path> erl = value(ERL, script).filter(Files::isExecutable);
        Optional<Path> libs = value(ERL_LIBS, script).filter(EjabberdInstallation::hasEjabberd);
        if (erl.isEmpty() || libs.isEmpty()) {
            return null;
        }
        Path erlCall = erl.get().resolveSibling("erl_call");
        if (!Files.isExecutable(erlCall)) {
            return null;
        }
        return new EjabberdInstallation(erl.get(), erlCall, libs.get());
    }

    private static Optional<Path> value(Pattern pattern, String script) {
        Matcher m = pattern.matcher(script);
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    private static boolean hasEjabberd(Path libs) {
        try (Stream<Path> entries = Files.list(libs)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("ejabberd-")
                    && Files.isDirectory(p.resolve("ebin")));
        } catch (IOException e) {
            return false;
        }
    }
}
