package io.magicvl.quantizer.sensitivity;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Formats sensitivity reports as plain-text tables for a terminal. */
public final class SensitivityTable {
    private SensitivityTable() {}

    /** Returns one ranking table per component and, with a budget, the chosen overrides. */
    public static String format(List<SensitivityReport> reports, Path out) {
        StringBuilder text = new StringBuilder();
        for (SensitivityReport report : reports) {
            text.append(String.format(Locale.ROOT, "%s: error = %s with every group quantized: %.4g%n",
                    report.component(), report.metric(), report.fullError()));
            text.append(String.format(Locale.ROOT, "%4s  %-48s %7s  %-30s %12s %12s%n",
                    "rank", "group", "weights", "scheme", "error alone", "saved bytes"));
            int rank = 1;
            for (SensitivityReport.Group group : report.groups()) {
                text.append(String.format(Locale.ROOT, "%4d  %-48s %7d  %-30s %12.4g %12d%n", rank++, group.pattern(),
                        group.weights(), group.scheme(), group.error(), group.savedBytes()));
            }
            if (report.budget() != null) {
                text.append(String.format(Locale.ROOT, "budget %.4g: %s, error %.4g, kept at higher precision: %s%n",
                        report.budget(), report.budgetMet() ? "met" : "NOT met", report.chosenError(),
                        report.kept().isEmpty() ? "none" : String.join(", ", report.kept())));
            }
            text.append(System.lineSeparator());
        }
        text.append("Wrote ").append(out.resolve("sensitivity.json")).append(" and ")
                .append(out.resolve("overrides.yaml")).append(System.lineSeparator());
        return text.toString();
    }
}
