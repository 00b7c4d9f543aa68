package io.magicvl.validator.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page of a comparison: inline CSS, each metric's delta drawn with its
 * interval as inline SVG, the gates, the per-category table, McNemar's test and the flipped
 * items with their images embedded as data URIs. It loads nothing from the network.
 */
public final class HtmlReport {
    /** At most this many flipped items are shown with images, to keep the page small. */
    public static final int MAX_FLIPPED_SHOWN = 200;

    private HtmlReport() {}

    /** Returns the page. */
    public static String toHtml(ComparisonResult result) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>magicvl compare: ")
                .append(esc(result.bench())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f2f2f2}.pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}")
                .append(".skip{color:#777}.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".flip img{max-width:240px;max-height:160px;border:1px solid #ccc}")
                .append("code{background:#f6f6f6;padding:1px 3px}\n</style></head><body>\n");
        html.append("<h1>magicvl compare: ").append(esc(result.bench())).append(" (").append(esc(result.mode()))
                .append(" scoring)</h1>\n");
        html.append("<p id=\"verdict\" class=\"").append(result.passed() ? "pass\">All gates passed" : "fail\">Gate failed")
                .append("</p>\n");
        html.append("<table><tr><th>run</th><th>folder</th><th>export sha256</th></tr>")
                .append(runRow("baseline", result.baseline())).append(runRow("candidate", result.candidate()))
                .append("</table>\n<p>").append(result.items()).append(" paired items; bootstrap ")
                .append(result.settings().bootstrap()).append(" replicates, seed ").append(result.settings().seed())
                .append(", ").append(Math.round(result.settings().confidence() * 100)).append("% intervals.</p>\n");
        gates(html, result);
        metrics(html, result);
        McNemar m = result.mcnemar();
        html.append("<h2>McNemar's test</h2>\n<p id=\"mcnemar\">broken ").append(m.broken()).append(", fixed ")
                .append(m.fixed()).append(", ").append(esc(m.method())).append(", p = ")
                .append(format(m.pValue())).append("</p>\n");
        categories(html, result);
        flipped(html, result);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String runRow(String name, ComparisonResult.RunSide side) {
        return "<tr><td>" + name + "</td><td><code>" + esc(side.runDir()) + "</code></td><td><code>"
                + esc(side.exportSha256().substring(0, Math.min(16, side.exportSha256().length()))) + "</code></td></tr>";
    }

    private static void gates(StringBuilder html, ComparisonResult result) {
        html.append("<h2>Gates</h2>\n");
        if (result.gates().isEmpty()) {
            html.append("<p>No gates were given.</p>\n");
            return;
        }
        html.append("<table id=\"gates\"><tr><th>gate</th><th>rule</th><th>max drop</th><th>drop</th>")
                .append("<th>interval of the drop</th><th>result</th></tr>\n");
        for (GateResult gate : result.gates()) {
            html.append("<tr><td>").append(esc(gate.gate().key())).append("</td><td>").append(gate.gate().rule().id())
                    .append("</td><td class=\"num\">").append(format(gate.gate().maxDrop())).append("</td>");
            if (gate.skipped() != null) {
                html.append("<td colspan=\"2\" class=\"skip\">").append(esc(gate.skipped()))
                        .append("</td><td class=\"skip\">skipped</td></tr>\n");
                continue;
            }
            Interval drop = gate.drop();
            html.append("<td class=\"num\">").append(format(drop.delta())).append("</td><td class=\"num\">[")
                    .append(format(drop.lower())).append(", ").append(format(drop.upper())).append("]</td><td class=\"")
                    .append(gate.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void metrics(StringBuilder html, ComparisonResult result) {
        html.append("<h2>Metrics</h2>\n<table id=\"metrics\"><tr><th>metric</th><th>baseline</th><th>candidate</th>")
                .append("<th>delta</th><th>interval</th><th>resampled</th><th>delta and interval (red line: gate)</th></tr>\n");
        for (Map.Entry<String, ComparisonResult.MetricDelta> entry : result.metrics().entrySet()) {
            ComparisonResult.MetricDelta metric = entry.getValue();
            Interval d = metric.delta();
            Double tolerance = null;
            for (GateResult gate : result.gates()) {
                if (gate.skipped() == null && gate.gate().key().equals(result.bench() + "." + entry.getKey())) {
                    tolerance = gate.gate().maxDrop();
                }
            }
            html.append("<tr><td>").append(esc(entry.getKey())).append("</td><td class=\"num\">")
                    .append(format(metric.baseline())).append("</td><td class=\"num\">").append(format(metric.candidate()))
                    .append("</td><td class=\"num\">").append(format(d.delta())).append("</td><td class=\"num\">[")
                    .append(format(d.lower())).append(", ").append(format(d.upper())).append("]</td><td>")
                    .append(esc(d.resampled())).append("</td><td>").append(svg(d, tolerance)).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Draws the delta's interval on an axis centred on zero, with the tolerance as a red line at minus max_drop. */
    static String svg(Interval d, Double tolerance) {
        double extent = Math.max(Math.max(Math.abs(d.lower()), Math.abs(d.upper())), Math.abs(d.delta()));
        if (tolerance != null) {
            extent = Math.max(extent, tolerance);
        }
        if (!(extent > 0) || Double.isNaN(extent)) {
            extent = 1;
        }
        extent *= 1.15;
        int width = 240;
        double scale = (width / 2.0 - 10) / extent;
        double mid = width / 2.0;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"28\" role=\"img\" aria-label=\"delta ").append(format(d.delta())).append("\">");
        svg.append(line(mid, 2, mid, 26, "#999", 1));
        if (tolerance != null) {
            double x = mid - tolerance * scale;
            svg.append(line(x, 2, x, 26, "#c62828", 2));
        }
        double lo = mid + d.lower() * scale;
        double hi = mid + d.upper() * scale;
        svg.append(line(lo, 14, hi, 14, "#1f4e8c", 3));
        svg.append(line(lo, 9, lo, 19, "#1f4e8c", 2)).append(line(hi, 9, hi, 19, "#1f4e8c", 2));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"14\" r=\"4\" fill=\"#1f4e8c\"/>",
                mid + d.delta() * scale));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, int width) {
        return String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%d\"/>",
                x1, y1, x2, y2, colour, width);
    }

    private static void categories(StringBuilder html, ComparisonResult result) {
        html.append("<h2>Per category</h2>\n<table id=\"categories\"><tr><th>category</th><th>metric</th>")
                .append("<th>items</th><th>baseline</th><th>candidate</th><th>delta</th></tr>\n");
        for (ComparisonResult.CategoryDelta row : result.perCategory()) {
            html.append("<tr><td>").append(esc(row.category())).append("</td><td>").append(esc(row.metric()))
                    .append("</td><td class=\"num\">").append(row.items()).append("</td><td class=\"num\">")
                    .append(format(row.baseline())).append("</td><td class=\"num\">").append(format(row.candidate()))
                    .append("</td><td class=\"num\">").append(format(row.delta())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void flipped(StringBuilder html, ComparisonResult result) {
        html.append("<h2>Flipped items (").append(result.flipped().size()).append(")</h2>\n");
        if (result.flipped().size() > MAX_FLIPPED_SHOWN) {
            html.append("<p>The first ").append(MAX_FLIPPED_SHOWN).append(" are shown; compare.json lists all.</p>\n");
        }
        html.append("<table id=\"flipped\" class=\"flip\"><tr><th>item</th><th>image</th><th>question</th>")
                .append("<th>expected</th><th>baseline</th><th>candidate</th><th>change</th></tr>\n");
        int shown = 0;
        for (ComparisonResult.FlippedItem item : result.flipped()) {
            if (shown++ == MAX_FLIPPED_SHOWN) {
                break;
            }
            html.append("<tr><td>").append(item.pos()).append("<br>").append(esc(item.label())).append("</td><td>")
                    .append(image(item.image())).append("</td><td>").append(esc(item.question())).append("</td><td>")
                    .append(esc(item.expected())).append("</td><td>").append(esc(String.valueOf(item.baselinePrediction())))
                    .append("</td><td>").append(esc(String.valueOf(item.candidatePrediction()))).append("</td><td class=\"")
                    .append("broken".equals(item.direction()) ? "fail" : "pass").append("\">").append(item.direction())
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String image(String file) {
        if (file == null) {
            return "(no image)";
        }
        try {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            return "<img alt=\"item image\" src=\"data:" + mimeType(bytes) + ";base64,"
                    + Base64.getEncoder().encodeToString(bytes) + "\">";
        } catch (IOException e) {
            return "(image unreadable: " + esc(file) + ")";
        }
    }

    /** Returns the image type from the file's first bytes. */
    static String mimeType(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (bytes.length > 3 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F') {
            return "image/gif";
        }
        if (bytes.length > 11 && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String esc(String text) {
        return JUnitReport.escape(text);
    }
}
