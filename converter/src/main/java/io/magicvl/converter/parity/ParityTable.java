package io.magicvl.converter.parity;

import io.magicvl.converter.ConvertSection;
import java.util.List;
import java.util.Locale;

/** Formats the parity table for people: one row per check, thresholds underneath. */
public final class ParityTable {
    private ParityTable() {}

    /** Returns the table as lines of text (no trailing newline). */
    public static String format(List<ParityRow> rows, String precision, ConvertSection.Thresholds limits) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s %-22s %10s %10s %11s %7s  %s%n", "component", "check", "max abs",
                "max rel", "cosine", "argmax", "result"));
        for (ParityRow row : rows) {
            String argmax = row.argmaxRows() > 0 ? row.argmaxAgree() + "/" + row.argmaxRows() : "-";
            out.append(String.format(Locale.ROOT, "%-9s %-22s %10.3e %10.3e %11.8f %7s  %s%n", row.component(),
                    row.check(), row.maxAbs(), row.maxRel(), row.cosine(), argmax, row.passed() ? "ok" : "FAILED"));
        }
        out.append(String.format(Locale.ROOT, "thresholds (%s): max abs <= %.1e, cosine >= %s, decoder argmax %s",
                precision, limits.maxAbs(), limits.minCosine(), limits.argmax() ? "must agree" : "reported only"));
        return out.toString();
    }
}
