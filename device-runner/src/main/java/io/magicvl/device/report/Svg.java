package io.magicvl.device.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the HTML report: histograms and line plots. */
final class Svg {
    private static final int WIDTH = 420;
    private static final int HEIGHT = 180;
    private static final int MARGIN = 36;
    static final List<String> COLORS = List.of("#4e79a7", "#e15759", "#59a14f", "#f28e2b");

    private Svg() {}

    /** Draws a histogram of each series over shared bins, the series translucent on top of each other. */
    static String histogram(String title, String unit, List<String> names, List<double[]> series, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : series) {
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = start(title);
        if (min > max) {
            return svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data")).append("</svg>").toString();
        }
        if (max == min) {
            max = min + Math.max(1e-9, Math.abs(min) * 0.01);
        }
        int[][] counts = new int[series.size()][bins];
        int top = 1;
        for (int s = 0; s < series.size(); s++) {
            for (double v : series.get(s)) {
                int bin = Math.min(bins - 1, (int) ((v - min) / (max - min) * bins));
                top = Math.max(top, ++counts[s][bin]);
            }
        }
        double plotWidth = WIDTH - 2.0 * MARGIN;
        double plotHeight = HEIGHT - 2.0 * MARGIN;
        double barWidth = plotWidth / bins;
        for (int s = 0; s < series.size(); s++) {
            for (int b = 0; b < bins; b++) {
                double h = plotHeight * counts[s][b] / top;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.55\"/>",
                        MARGIN + b * barWidth, HEIGHT - MARGIN - h, barWidth - 1, h, COLORS.get(s % COLORS.size())));
            }
        }
        axes(svg, format(min) + " " + unit, format(max) + " " + unit, "count (max " + top + ")");
        legend(svg, names);
        return svg.append("</svg>").toString();
    }

    /** Draws line plots of (x, y) series on shared axes. */
    static String lines(String title, String xUnit, String yUnit, List<String> names, List<double[][]> series) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[][] xy : series) {
            for (int i = 0; i < xy[0].length; i++) {
                minX = Math.min(minX, xy[0][i]);
                maxX = Math.max(maxX, xy[0][i]);
                minY = Math.min(minY, xy[1][i]);
                maxY = Math.max(maxY, xy[1][i]);
            }
        }
        StringBuilder svg = start(title);
        if (minX > maxX) {
            return svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data")).append("</svg>").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + Math.max(1e-9, Math.abs(minY) * 0.05);
            minY = minY - Math.max(1e-9, Math.abs(minY) * 0.05);
        }
        double plotWidth = WIDTH - 2.0 * MARGIN;
        double plotHeight = HEIGHT - 2.0 * MARGIN;
        for (int s = 0; s < series.size(); s++) {
            double[][] xy = series.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xy[0].length; i++) {
                double x = MARGIN + (xy[0][i] - minX) / (maxX - minX) * plotWidth;
                double y = HEIGHT - MARGIN - (xy[1][i] - minY) / (maxY - minY) * plotHeight;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(COLORS.get(s % COLORS.size()))
                    .append("\" points=\"").append(points.toString().strip()).append("\"/>");
        }
        axes(svg, format(minX) + " " + xUnit, format(maxX) + " " + xUnit, format(minY) + ".." + format(maxY) + " " + yUnit);
        legend(svg, names);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder start(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        svg.append(text(WIDTH / 2.0, 14, title));
        return svg;
    }

    private static void axes(StringBuilder svg, String left, String right, String vertical) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN,
                HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", MARGIN,
                HEIGHT - MARGIN + 14, Html.escape(left)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                WIDTH - MARGIN, HEIGHT - MARGIN + 14, Html.escape(right)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", 4, MARGIN - 6,
                Html.escape(vertical)));
    }

    private static void legend(StringBuilder svg, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            int y = HEIGHT - 8;
            int x = MARGIN + i * 130;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9,
                    COLORS.get(i % COLORS.size())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", x + 14, y,
                    Html.escape(names.get(i))));
        }
    }

    private static String text(double x, double y, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                x, y, Html.escape(text));
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
