package org.reactorxmpp.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The RESULTS.md rows of a {@link FleetHarness} run: each figure as its median over the rounds with min-max. */
final class FleetTable {

    private FleetTable() {
    }

    static String rows(Map<String, Object> summary, int checkpointSessions, int pings, int handoffSessions,
                       int rounds) {
        Map<?, ?> cp = (Map<?, ?>) summary.get("checkpoint");
        Map<?, ?> ho = (Map<?, ?>) summary.get("handoff");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Checkpoint cost: %d sessions x %d sequential pings, %d rounds, fresh"
            + " Prosody per run; median (min-max)%n%n", checkpointSessions, pings, rounds));
        out.append("| mode | client CPU per ping | added CPU per ping | ping p50 | added p50 | ping p99 | added p99"
            + " | checkpoints per ping | encode per checkpoint | map write until the backup acknowledged |"
            + " server CPU per ping |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String mode : FleetRuns.MODES) {
            out.append("| ").append(mode)
                .append(" | ").append(cell(cp, mode, "clientCpuMsPerPing", 1000, "us"))
                .append(" | ").append(cell(cp, mode, "addedClientCpuUsPerPing", 1, "us"))
                .append(" | ").append(cell(cp, mode, "pingP50Ms", 1, "ms"))
                .append(" | ").append(cell(cp, mode, "addedPingP50Ms", 1, "ms"))
                .append(" | ").append(cell(cp, mode, "pingP99Ms", 1, "ms"))
                .append(" | ").append(cell(cp, mode, "addedPingP99Ms", 1, "ms"))
                .append(" | ").append(cell(cp, mode, "checkpointsPerPing", 1, ""))
                .append(" | ").append(cell(cp, mode, "checkpointEncodeUs", 1, "us"))
                .append(" | ").append(cell(cp, mode, "checkpointWriteMs", 1, "ms"))
                .append(" | ").append(cell(cp, mode, "serverCpuMsPerPing", 1000, "us"))
                .append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "%nHandoff: %d sessions on one member, a second joins, then stops;"
            + " %d rounds, fresh Prosody per round; median (min-max)%n%n", handoffSessions, rounds));
        out.append("| direction | sessions moved | wall time | per 1,000 moved | away per session p50 / p90 / max"
            + " | attach p50 / p90 / max | re-logins |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String dir : List.of("join", "stop")) {
            out.append("| ").append(dir)
                .append(" | ").append(cell(ho, "handoff", dir + "Moved", 1, ""))
                .append(" | ").append(cell(ho, "handoff", dir + "Seconds", 1, "s"))
                .append(" | ").append(cell(ho, "handoff", dir + "SecondsPer1000", 1, "s"))
                .append(" | ").append(cell(ho, "handoff", dir + "AwayP50Ms", 1, "ms")).append(" / ")
                .append(cell(ho, "handoff", dir + "AwayP90Ms", 1, "ms")).append(" / ")
                .append(cell(ho, "handoff", dir + "AwayMaxMs", 1, "ms"))
                .append(" | ").append(cell(ho, "handoff", dir + "AttachP50Ms", 1, "ms")).append(" / ")
                .append(cell(ho, "handoff", dir + "AttachP90Ms", 1, "ms")).append(" / ")
                .append(cell(ho, "handoff", dir + "AttachMaxMs", 1, "ms"))
                .append(" | ").append(cell(ho, "handoff", "relogins", 1, ""))
                .append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "%nlogins before the handoff (not part of it): %s%n",
            cell(ho, "handoff", "loginSeconds", 1, "s")));
        return out.toString();
    }

    /** @return {@code median (min-max) unit} of one figure, scaled; "-" when the run has no such figure */
    private static String cell(Map<?, ?> summary, String impl, String key, double scale, String unit) {
        Map<?, ?> medians = (Map<?, ?>) summary.get(impl);
        Map<?, ?> ranges = (Map<?, ?>) ((Map<?, ?>) summary.get("range")).get(impl);
        if (medians == null || !(medians.get(key) instanceof Number median) || ranges == null) {
            return "-";
        }
        List<?> range = (List<?>) ranges.get(key);
        String u = unit.isEmpty() ? "" : " " + unit;
        return format(median.doubleValue() * scale) + u + " (" + format(((Number) range.get(0)).doubleValue() * scale)
            + "-" + format(((Number) range.get(1)).doubleValue() * scale) + ")";
    }

    private static String format(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
