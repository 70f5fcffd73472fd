package org.reactorxmpp.samples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.config.XmppClientConfig;

/**
 * Keeps the user guide ({@code docs/*.md}) equal to the compiled examples in this package: every {@code java}
 * block of the guide follows a marker line {@code <!-- include: File.java#tag -->} and must be, line for
 * line, the region of that file between {@code // tag::tag[]} and {@code // end::tag[]} with its common
 * indentation removed. After changing an example, {@code -Ddocs.update=true} rewrites the blocks instead
 * of failing.
 */
class GuideExamplesTest {

    static final Path DOCS = Path.of("..", "docs");
    static final Path EXAMPLES = Path.of("src", "test", "java", "org", "reactorxmpp", "samples", "guide");
    private static final Pattern INCLUDE = Pattern.compile("^<!-- include: ([A-Za-z0-9]+\\.java)#([a-z0-9-]+) -->$");

    @Test
    void everyJavaBlockOfTheGuideIsACompiledExample() {
        boolean update = Boolean.getBoolean("docs.update");
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (Path page : pages()) {
            List<String> lines = read(page);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                out.add(line);
                if (!line.startsWith("```java")) {
                    continue;
                }
                blocks++;
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                List<String> shown = lines.subList(i + 1, end);
                Matcher include = i > 0 ? INCLUDE.matcher(lines.get(i - 1)) : null;
                if (include == null || !include.matches()) {
                    problems.add(page.getFileName() + ":" + (i + 1) + ": a java block without an include marker line before it");
                    out.addAll(shown);
                } else {
                    List<String> region = region(include.group(1), include.group(2));
                    if (region == null) {
                        problems.add(page.getFileName() + ":" + i + ": no region " + include.group(2) + " in " + include.group(1));
                        out.addAll(shown);
                    } else {
                        if (!region.equals(shown)) {
                            problems.add(page.getFileName() + ":" + (i + 1) + ": differs from " + include.group(1) + "#" + include.group(2));
                        }
                        out.addAll(region);
                    }
                }
                if (end < lines.size()) {
                    out.add(lines.get(end));
                }
                i = end;
            }
            if (update && !out.equals(lines)) {
                write(page, out);
            }
        }
        assertThat(blocks).as("java blocks in the guide").isGreaterThan(10);
        if (!update) {
            assertThat(problems).as("run with -Ddocs.update=true to copy the examples into the guide").isEmpty();
        }
    }

    @Test
    void theConfigurationPageNamesEveryJsonKey() {
        String page = String.join("\n", read(DOCS.resolve("configuration.md")));
        assertThat(XmppClientConfig.KEYS).allSatisfy(key -> assertThat(page).contains("`" + key + "`"));
    }

    @Test
    void regionsAreDedented() {
        assertThat(dedent(List.of("    a", "      b", "", "    c"))).containsExactly("a", "  b", "", "c");
    }

    static List<Path> pages() {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> region(String file, String tag) {
        Path source = EXAMPLES.resolve(file);
        if (!Files.exists(source)) {
            return null;
        }
        List<String> lines = read(source);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals("// tag::" + tag + "[]")) {
                start = i + 1;
            } else if (t.equals("// end::" + tag + "[]") && start >= 0) {
                return dedent(lines.subList(start, i));
            }
        }
        return null;
    }

    static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
