package io.magicvl.release.pipeline;

import java.util.List;
import java.util.Map;

/** Renders the release summary as one self-contained HTML page (inline CSS, no scripts). */
final class HtmlReport {
    private HtmlReport() {}

    @SuppressWarnings("unchecked")
    static String render(ReleaseResult result, Map<String, Object> json) {
        String status = (String) json.get("status");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>magicvl release ").append(escape(result.recipe().name())).append(": ").append(status)
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append(".passed{color:#176c2e}.failed{color:#b3261e;font-weight:bold}.not-run{color:#777}")
                .append(".banner{padding:1em;border-radius:4px;margin:1em 0;color:#222;font-weight:normal}.banner.passed{background:#e5f4e8}")
                .append(".banner.failed{background:#fbe4e2}.banner.incomplete{background:#fff4d6}")
                .append("code{font-size:90%}\n</style>\n</head>\n<body>\n");

        html.append("<h1>magicvl release: <span id=\"recipe\">").append(escape(result.recipe().name()))
                .append("</span></h1>\n");
        html.append("<div class=\"banner ").append(status).append("\" id=\"status\">Release <strong>").append(status.toUpperCase(java.util.Locale.ROOT))
                .append("</strong>");
        ReleaseResult.StepOutcome failure = result.firstFailure();
        if (failure != null) {
            html.append(": stopped at step ").append(failure.index()).append(" <strong>").append(escape(failure.name()))
                    .append("</strong>: ").append(escape(failure.record().message()));
            for (Gate gate : failure.record().gates()) {
                if (!gate.passed()) {
                    html.append("<br>Failed gate <strong>").append(escape(gate.describe())).append("</strong>. ")
                            .append(escape(gate.explanation()));
                }
            }
        } else if (json.get("bundle") instanceof Map<?, ?> bundle) {
            html.append(": bundle <a href=\"").append(escape(String.valueOf(bundle.get("file")))).append("\">")
                    .append(escape(String.valueOf(bundle.get("file")))).append("</a>, sha256 <code>")
                    .append(escape(String.valueOf(bundle.get("sha256")))).append("</code>");
        } else if (result.stoppedAfter() != null) {
            html.append(": stopped after step <strong>").append(escape(result.stoppedAfter()))
                    .append("</strong> as asked; continue with <code>--resume</code>.");
        }
        html.append("</div>\n");

        Map<String, Object> toolchain = (Map<String, Object>) json.get("toolchain");
        html.append("<p>Recipe <code>").append(escape(result.recipe().path().toString())).append("</code> (sha256 <code>")
                .append(escape(result.recipe().sha256())).append("</code>), magicvl ")
                .append(escape(String.valueOf(toolchain.get("version")))).append(" commit <code>")
                .append(escape(String.valueOf(toolchain.get("commit")))).append("</code>.</p>\n");
        appendSteps(html, (List<Map<String, Object>>) json.get("steps"));
        appendGates(html, result.gates());
        html.append("<p>Machine-readable: <a href=\"").append(ReleaseReport.JSON).append("\">").append(ReleaseReport.JSON)
                .append("</a>, <a href=\"").append(ReleaseReport.JUNIT).append("\">").append(ReleaseReport.JUNIT)
                .append("</a> (JUnit).</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void appendSteps(StringBuilder html, List<Map<String, Object>> steps) {
        html.append("<h2>Steps</h2>\n<table id=\"steps\">\n<tr><th>#</th><th>step</th><th>status</th><th>time (s)</th>")
                .append("<th>result</th><th>files</th></tr>\n");
        for (Map<String, Object> step : steps) {
            String status = (String) step.get("status");
            html.append("<tr><td>").append(step.get("index")).append("</td><td>").append(escape((String) step.get("name")))
                    .append("</td><td class=\"").append(status.replace(' ', '-')).append("\">").append(escape(status));
            if (Boolean.TRUE.equals(step.get("reused"))) {
                html.append(" (reused)");
            }
            Object seconds = step.get("seconds");
            html.append("</td><td>").append(seconds == null ? "" : seconds).append("</td><td>")
                    .append(escape(String.valueOf(step.get("message")))).append("</td><td>");
            appendLink(html, (String) step.get("report"), "report");
            html.append(' ');
            appendLink(html, (String) step.get("record"), "record");
            html.append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendGates(StringBuilder html, List<Gate> gates) {
        html.append("<h2>Gates</h2>\n");
        if (gates.isEmpty()) {
            html.append("<p>No gate was evaluated.</p>\n");
            return;
        }
        html.append("<table id=\"gates\">\n<tr><th>gate</th><th>step</th><th>value</th><th>required</th>")
                .append("<th>95% interval</th><th>result</th><th>explanation</th></tr>\n");
        for (Gate gate : gates) {
            String unit = gate.unit() == null || gate.unit().isEmpty() ? "" : " " + gate.unit();
            String interval = gate.interval() == null || gate.interval().size() != 2 ? "" : Gate.format(gate.interval().get(0))
                    + " to " + Gate.format(gate.interval().get(1));
            html.append("<tr><td>").append(escape(gate.name())).append("</td><td>").append(escape(gate.step()))
                    .append("</td><td>").append(escape(Gate.format(gate.value()) + unit)).append("</td><td>")
                    .append(escape(gate.comparison() + " " + Gate.format(gate.threshold()) + unit)).append("</td><td>")
                    .append(escape(interval)).append("</td><td class=\"").append(gate.passed() ? "passed" : "failed").append("\">")
                    .append(gate.passed() ? "passed" : "FAILED").append("</td><td>").append(escape(gate.explanation()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendLink(StringBuilder html, String href, String text) {
        if (href != null) {
            html.append("<a href=\"").append(escape(href)).append("\">").append(text).append("</a>");
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
