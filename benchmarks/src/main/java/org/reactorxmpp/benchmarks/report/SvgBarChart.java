package org.reactorxmpp.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small horizontal grouped bar chart written as SVG text, without any dependency. Each group (a
 * corpus entry, a metric) is scaled to its own largest bar, since groups may differ by orders of
 * magnitude; every bar carries its value as a label.
 *
 * <pre>{@code
 * String svg = new SvgBarChart("Parse, ops/s").group("ROSTER_PUSH")
 *     .bar("ours", 12000).bar("smack", 5000).toSvg();
 * }</pre>
 */
public final class SvgBarChart {

    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};
    private static final int LABEL_WIDTH = 170;
    private static final int BAR_WIDTH = 420;
    private static final int BAR_HEIGHT = 16;
    private static final int GAP = 10;

    private final String title;
    private final List<String> groups = new ArrayList<>();
    private final List<List<String>> series = new ArrayList<>();
    private final List<List<Double>> values = new ArrayList<>();
    private final List<String> legend = new ArrayList<>();

    /** @param title the chart's title */
    public SvgBarChart(String title) {
        this.title = title;
    }

    /**
     * Starts a group.
     *
     * @param label its label
     * @return this
     */
    public SvgBarChart group(String label) {
        groups.add(label);
        series.add(new ArrayList<>());
        values.add(new ArrayList<>());
        return this;
    }

    /**
     * Adds a bar to the current group.
     *
     * @param name the series
     * @param value its value, at least 0
     * @return this
     */
    public SvgBarChart bar(String name, double value) {
        if (groups.isEmpty()) {
            throw new IllegalStateException("call group(...) before bar(...)");
        }
        series.get(series.size() - 1).add(name);
        values.get(values.size() - 1).add(Math.max(0, value));
        if (!legend.contains(name)) {
            legend.add(name);
        }
        return this;
    }

    /** @return whether the chart has no bar */
    public boolean isEmpty() {
        return values.stream().allMatch(List::isEmpty);
    }

    /** @return the SVG document */
    public String toSvg() {
        StringBuilder body = new StringBuilder();
        int y = 50;
        for (int g = 0; g < groups.size(); g++) {
            List<Double> vs = values.get(g);
            double max = vs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            body.append(String.format(Locale.ROOT, "<text x='5' y='%d' font-weight='bold'>%s</text>%n", y + 12, escape(groups.get(g))));
            for (int b = 0; b < vs.size(); b++) {
                double v = vs.get(b);
                int width = max <= 0 ? 0 : (int) Math.round(BAR_WIDTH * v / max);
                String colour = COLOURS[legend.indexOf(series.get(g).get(b)) % COLOURS.length];
                body.append(String.format(Locale.ROOT,
                    "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>"
                        + "<text x='%d' y='%d'>%s</text>%n",
                    LABEL_WIDTH, y, Math.max(1, width), BAR_HEIGHT, colour,
                    LABEL_WIDTH + Math.max(1, width) + 5, y + 12, format(v)));
                y += BAR_HEIGHT + 2;
            }
            y += GAP;
        }
        StringBuilder legendSvg = new StringBuilder();
        int x = LABEL_WIDTH;
        for (int i = 0; i < legend.size(); i++) {
            legendSvg.append(String.format(Locale.ROOT,
                "<rect x='%d' y='28' width='12' height='12' fill='%s'/><text x='%d' y='39'>%s</text>%n",
                x, COLOURS[i % COLOURS.length], x + 16, escape(legend.get(i))));
            x += 20 + 8 * legend.get(i).length() + 20;
        }
        int height = y + 10;
        int width = LABEL_WIDTH + BAR_WIDTH + 120;
        return String.format(Locale.ROOT,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n"
                + "<rect width='100%%' height='100%%' fill='white'/>%n"
                + "<text x='5' y='18' font-size='14' font-weight='bold'>%s</text>%n%s%s</svg>%n",
            width, height, escape(title), legendSvg, body);
    }

    static String format(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
