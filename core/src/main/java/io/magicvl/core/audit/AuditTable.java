package io.magicvl.core.audit;

import io.magicvl.core.model.Component;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders an {@link AuditReport} as a plain-text table followed by its findings. */
public final class AuditTable {
    private AuditTable() {}

    /** Returns the report as text: one row per stage, one column per component. */
    public static String render(AuditReport report) {
        Set<Component> present = EnumSet.noneOf(Component.class);
        for (AuditReport.StageReport stage : report.stages()) {
            present.addAll(stage.components().keySet());
        }
        List<String> header = new ArrayList<>(List.of("stage", "compared with", "may change"));
        for (Component component : present) {
            header.add(component.id());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (AuditReport.StageReport stage : report.stages()) {
            List<String> row = new ArrayList<>();
            row.add(stage.name());
            row.add(stage.comparedWith() == null ? "-" : stage.comparedWith());
            row.add(stage.allowed() == null ? "(no rule)" : allowedText(stage.allowed()));
            for (Component component : present) {
                AuditReport.ComponentChange change = stage.components().get(component);
                row.add(cell(stage, change));
            }
            rows.add(row);
        }

        StringBuilder text = new StringBuilder();
        text.append("Audit of ").append(report.run()).append('\n');
        text.append("Cells: changed/total tensors and the largest absolute change against the previous stage.\n\n");
        appendTable(text, rows);
        text.append('\n');
        for (AuditReport.Finding finding : report.violations()) {
            text.append("VIOLATION ").append(finding.stage()).append(": ").append(finding.message()).append('\n');
        }
        for (AuditReport.Finding finding : report.warnings()) {
            text.append("warning ").append(finding.stage()).append(": ").append(finding.message()).append('\n');
        }
        text.append(report.passed()
                ? "PASSED: " + report.stages().size() + (report.stages().size() == 1 ? " stage" : " stages") + ", no violation"
                : "FAILED: " + report.violations().size() + " violation" + (report.violations().size() == 1 ? "" : "s"));
        text.append(report.warnings().isEmpty() ? "" : ", " + report.warnings().size() + " warning"
                + (report.warnings().size() == 1 ? "" : "s"));
        text.append('\n');
        return text.toString();
    }

    private static String cell(AuditReport.StageReport stage, AuditReport.ComponentChange change) {
        if (change == null) {
            return "-";
        }
        if (stage.comparedWith() == null) {
            return change.tensors() + (change.tensors() == 1 ? " tensor" : " tensors");
        }
        if (change.changed() == 0) {
            return "0/" + change.tensors();
        }
        return change.changed() + "/" + change.tensors() + " max " + String.format(Locale.ROOT, "%.2e", change.maxAbsDiff());
    }

    private static String allowedText(List<Component> allowed) {
        if (allowed.containsAll(EnumSet.allOf(Component.class))) {
            return "everything";
        }
        List<String> names = new ArrayList<>();
        for (Component component : allowed) {
            if (component != Component.UNUSED) {
                names.add(component.id());
            }
        }
        return String.join("+", names);
    }

    private static void appendTable(StringBuilder text, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(String.format("%-" + widths[c] + "s", row.get(c)));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
