package io.magicvl.device.report;

import io.magicvl.device.bench.Attempt;
import io.magicvl.device.bench.BenchReport;
import io.magicvl.device.bench.GateResult;
import io.magicvl.device.bench.MetricSummary;
import io.magicvl.device.bench.RunOutcome;
import io.magicvl.device.energy.EnergyResult;
import io.magicvl.device.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders a {@link BenchReport} as one self-contained HTML page (inline CSS and SVG, no scripts). */
final class Html {
    private Html() {}

    static String render(BenchReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>magicvl device bench: ")
                .append(escape(report.device())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("td:first-child,th:first-child{text-align:left}.pass{color:#1a7f37}.fail{color:#cf222e}")
                .append(".warn{color:#9a6700}svg{margin:0.5em 1em 0.5em 0}</style></head><body>\n");
        String statusClass = report.status().equals("passed") ? "pass" : "fail";
        html.append("<h1>Device bench: <span class=\"").append(statusClass).append("\">").append(escape(report.status()))
                .append("</span></h1>\n");
        if (report.error() != null) {
            html.append("<p class=\"fail\">Stopped early: ").append(escape(report.error())).append("</p>\n");
        }
        html.append("<p>Device <b>").append(escape(report.device())).append("</b>, profile <b>")
                .append(escape(report.profile().name())).append("</b>, started ").append(escape(report.startedAt()))
                .append(String.format(", %.1f s wall time.", report.wallSeconds())).append("</p>\n");
        keyValues(html, "Device", report.deviceInfo());
        keyValues(html, "Models", report.models());
        gates(html, report.gates());
        imageShapes(html, report);
        summary(html, report.summary());
        comparisons(html, report.comparisons());
        runs(html, report.runs());
        charts(html, report);
        html.append("<p>Energy source: ").append(escape(report.profile().energy().source()))
                .append(report.batteryConvention().isEmpty() ? "" : "; battery convention: " + escape(report.batteryConvention()))
                .append(". Push times (s): ").append(escape(report.pushSeconds().toString())).append("</p>\n");
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void keyValues(StringBuilder html, String title, Map<String, String> values) {
        html.append("<h2>").append(escape(title)).append("</h2><table>");
        values.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(escape(v))
                .append("</td></tr>"));
        html.append("</table>\n");
    }

    private static void gates(StringBuilder html, List<GateResult> gates) {
        html.append("<h2>Gates</h2>");
        if (gates.isEmpty()) {
            html.append("<p>The profile defines no gates.</p>\n");
            return;
        }
        html.append("<table><tr><th>metric</th><th>image</th><th>stat</th><th>threshold</th><th>value</th>")
                .append("<th>95% interval</th><th>verdict</th></tr>");
        for (GateResult gate : gates) {
            String threshold = (gate.min() != null ? "&ge; " + gate.min() : "") + (gate.max() != null ? " &le; " + gate.max() : "")
                    + (gate.tolerance() > 0 ? " &plusmn; " + gate.tolerance() : "");
            html.append("<tr><td>").append(escape(gate.metric())).append("</td><td>").append(escape(gate.image()))
                    .append("</td><td>").append(escape(gate.stat())).append("</td><td>").append(threshold).append("</td><td>")
                    .append(Svg.format(gate.value())).append("</td><td>").append(interval(gate.interval()))
                    .append("</td><td class=\"").append(gate.passed() ? "pass\">pass" : "fail\">fail");
            if (!gate.warning().isEmpty()) {
                html.append(" <span class=\"warn\">(").append(escape(gate.warning())).append(")</span>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>\n");
    }

    /** Lists each model's tiles and visual tokens per image size, from its first valid run. */
    private static void imageShapes(StringBuilder html, BenchReport report) {
        html.append("<h2>Images</h2><table><tr><th>model</th><th>image</th><th>tiles</th><th>visual tokens</th></tr>");
        for (String model : report.models().keySet()) {
            report.runs().stream()
                    .filter(r -> r.model().equals(model) && r.images() != null)
                    .findFirst()
                    .ifPresent(run -> run.images().forEach((image, metrics) -> html.append("<tr><td>")
                            .append(escape(model)).append("</td><td>").append(escape(image)).append("</td><td>")
                            .append(metrics.tiles()).append("</td><td>").append(metrics.visualTokens())
                            .append("</td></tr>")));
        }
        html.append("</table>\n");
    }

    private static void summary(StringBuilder html, List<MetricSummary> summary) {
        html.append("<h2>Metrics over valid runs</h2><table><tr><th>model</th><th>metric</th><th>image</th><th>runs</th>")
                .append("<th>median</th><th>p90</th><th>95% interval of the median</th></tr>");
        for (MetricSummary s : summary) {
            html.append("<tr><td>").append(escape(s.model())).append("</td><td>").append(escape(s.metric()))
                    .append("</td><td>").append(escape(s.image())).append("</td><td>").append(s.values().size())
                    .append("</td><td>").append(Svg.format(s.median())).append("</td><td>").append(Svg.format(s.p90()))
                    .append("</td><td>").append(interval(s.medianInterval())).append("</td></tr>");
        }
        html.append("</table>\n");
    }

    private static void comparisons(StringBuilder html, Map<String, Interval> comparisons) {
        if (comparisons.isEmpty()) {
            return;
        }
        html.append("<h2>Candidate versus baseline</h2><table><tr><th>comparison</th><th>estimate</th>")
                .append("<th>95% bootstrap interval</th></tr>");
        comparisons.forEach((name, interval) -> html.append("<tr><td>").append(escape(name)).append("</td><td>")
                .append(Svg.format(interval.estimate())).append("</td><td>").append(interval(interval)).append("</td></tr>"));
        html.append("</table>\n");
    }

    private static void runs(StringBuilder html, List<RunOutcome> runs) {
        html.append("<h2>Runs (in execution order)</h2><table><tr><th>model</th><th>run</th><th>attempts</th>")
                .append("<th>model load (s)</th><th>peak memory (MiB)</th><th>energy/image (J)</th><th>notes</th></tr>");
        for (RunOutcome run : runs) {
            List<String> notes = new ArrayList<>();
            for (Attempt attempt : run.attempts()) {
                if (!attempt.valid()) {
                    notes.add("attempt " + attempt.number() + " discarded: " + attempt.reason());
                }
            }
            EnergyResult energy = run.energy();
            if (energy != null && !energy.available()) {
                notes.add("energy unavailable: " + energy.reason());
            }
            html.append("<tr><td>").append(escape(run.model())).append("</td><td>").append(run.index() + 1)
                    .append("</td><td>").append(run.attempts().size()).append("</td><td>")
                    .append(Svg.format(run.modelLoadS())).append("</td><td>").append(Svg.format(run.peakMemoryMb()))
                    .append("</td><td>").append(energy == null ? "n/a" : Svg.format(energy.perImageJ())).append("</td><td>")
                    .append(escape(String.join("; ", notes))).append("</td></tr>");
        }
        html.append("</table>\n");
    }

    private static void charts(StringBuilder html, BenchReport report) {
        html.append("<h2>Vision latency per answer</h2><div>");
        List<String> models = new ArrayList<>(report.models().keySet());
        for (String image : report.profile().protocol().images()) {
            List<double[]> series = new ArrayList<>();
            for (String model : models) {
                series.add(report.runs().stream()
                        .filter(r -> r.model().equals(model) && r.images() != null && r.images().get(image) != null)
                        .flatMap(r -> r.images().get(image).visionLatencies().stream())
                        .mapToDouble(Double::doubleValue).toArray());
            }
            html.append(Svg.histogram("vision latency, " + image, "s", models, series, 20));
        }
        html.append("</div>\n<h2>Power during the steady state (first run per model)</h2><div>");
        List<String> names = new ArrayList<>();
        List<double[][]> traces = new ArrayList<>();
        for (String model : models) {
            report.runs().stream()
                    .filter(r -> r.model().equals(model) && r.energy() != null && r.energy().available())
                    .findFirst()
                    .ifPresent(r -> {
                        names.add(model);
                        traces.add(new double[][] {r.energy().trace().seconds(), r.energy().trace().watts()});
                    });
        }
        if (traces.isEmpty()) {
            html.append("<p>No energy trace: energy is unavailable for this device (")
                    .append(escape(report.profile().energy().source())).append(").</p>");
        } else {
            html.append(Svg.lines("power", "s", "W", names, traces));
        }
        html.append("</div>\n");
    }

    private static String interval(Interval interval) {
        return interval == null ? "" : "[" + Svg.format(interval.lower()) + ", " + Svg.format(interval.upper()) + "]";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
