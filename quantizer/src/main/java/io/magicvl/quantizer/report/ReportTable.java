package io.magicvl.quantizer.report;

import java.util.Locale;
import java.util.Map;

/** Formats a {@link QuantizeReport} as plain-text tables for a terminal. */
public final class ReportTable {
    private ReportTable() {}

    /** Returns the component table followed by the weight table. */
    public static String format(QuantizeReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s %-32s %10s %10s %9s %10s %8s %9s%n",
                "component", "scheme", "before MB", "after MB", "cosine", "max abs", "top-1", "KL nats"));
        for (Map.Entry<String, QuantizeReport.Component> entry : report.components().entrySet()) {
            QuantizeReport.Component component = entry.getValue();
            ComponentError error = component.error();
            out.append(String.format(Locale.ROOT, "%-9s %-32s %10.2f %10.2f %9s %10s %8s %9s%n",
                    entry.getKey(), component.scheme(), component.bytesBefore() / 1e6, component.bytesAfter() / 1e6,
                    error == null ? "-" : String.format(Locale.ROOT, "%.6f", error.cosine()),
                    error == null ? "-" : String.format(Locale.ROOT, "%.3g", error.maxAbs()),
                    error == null || error.top1Agreement() == null ? "-"
                            : String.format(Locale.ROOT, "%.4f", error.top1Agreement()),
                    error == null || error.klDivergence() == null ? "-"
                            : String.format(Locale.ROOT, "%.2e", error.klDivergence())));
        }
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-9s %-60s %-32s %9s %10s%n",
                "component", "weight", "scheme", "SQNR dB", "max abs"));
        for (WeightReport weight : report.weights()) {
            out.append(String.format(Locale.ROOT, "%-9s %-60s %-32s %9s %10.3g%n",
                    weight.component(), weight.name(), weight.scheme(),
                    weight.sqnrDb() == null ? "exact" : String.format(Locale.ROOT, "%.2f", weight.sqnrDb()),
                    weight.maxAbsError()));
        }
        return out.toString();
    }
}
