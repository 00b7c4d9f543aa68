package io.magicvl.release.pipeline;

import java.util.Locale;

/**
 * Renders the release as JUnit XML: one test case per step and one per gate, so CI systems
 * show which step or gate failed. Steps not run are skipped.
 */
final class JunitReport {
    private JunitReport() {}

    static String render(ReleaseResult result) {
        String suite = "magicvl-release." + result.recipe().name();
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        double total = 0;
        for (ReleaseResult.StepOutcome step : result.steps()) {
            tests++;
            double seconds = step.record() == null ? 0 : step.record().seconds();
            total += seconds;
            cases.append("  <testcase classname=\"").append(escape(suite)).append(".steps\" name=\"")
                    .append(step.index()).append('-').append(escape(step.name())).append("\" time=\"")
                    .append(String.format(Locale.ROOT, "%.3f", seconds)).append("\"");
            switch (step.status()) {
                case PASSED -> cases.append("/>\n");
                case NOT_RUN -> {
                    skipped++;
                    cases.append(">\n    <skipped message=\"not run: an earlier step stopped the release\"/>\n  </testcase>\n");
                }
                default -> {
                    failures++;
                    cases.append(">\n    <failure type=\"").append(step.status().label()).append("\" message=\"")
                            .append(escape(step.record().message())).append("\"/>\n  </testcase>\n");
                }
            }
        }
        for (Gate gate : result.gates()) {
            tests++;
            cases.append("  <testcase classname=\"").append(escape(suite)).append(".gates\" name=\"")
                    .append(escape(gate.name())).append("\" time=\"0\"");
            if (gate.passed()) {
                cases.append("/>\n");
            } else {
                failures++;
                cases.append(">\n    <failure type=\"gate\" message=\"").append(escape(gate.describe())).append("\">")
                        .append(escape(gate.explanation())).append("</failure>\n  </testcase>\n");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"" + escape(suite)
                + "\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped
                + "\" time=\"" + String.format(Locale.ROOT, "%.3f", total) + "\">\n" + cases + "</testsuite>\n</testsuites>\n";
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return HtmlReport.escape(text).replace("'", "&apos;").replace("\n", "&#10;");
    }
}
