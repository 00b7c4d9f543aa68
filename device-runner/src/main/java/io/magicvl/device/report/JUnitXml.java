package io.magicvl.device.report;

import io.magicvl.device.bench.BenchReport;
import io.magicvl.device.bench.GateResult;
import java.util.Locale;

/** Writes a {@link BenchReport} as JUnit XML: one test case per gate, plus one for completing the bench. */
final class JUnitXml {
    private JUnitXml() {}

    static String render(BenchReport report) {
        int failures = (int) report.gates().stream().filter(g -> !g.passed()).count();
        int errors = report.error() != null ? 1 : 0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT,
                "<testsuite name=\"magicvl.device.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">\n",
                attr(report.profile().name()), report.gates().size() + 1, failures, errors, report.wallSeconds()));
        xml.append("  <properties>\n");
        xml.append("    <property name=\"device\" value=\"").append(attr(report.device())).append("\"/>\n");
        report.models().forEach((k, v) -> xml.append("    <property name=\"").append(attr(k)).append("\" value=\"")
                .append(attr(v)).append("\"/>\n"));
        xml.append("  </properties>\n");
        xml.append("  <testcase classname=\"device.bench\" name=\"runs complete\">");
        if (report.error() != null) {
            xml.append("<error message=\"").append(attr(report.error())).append("\"/>");
        }
        xml.append("</testcase>\n");
        for (GateResult gate : report.gates()) {
            String name = gate.metric() + (gate.image().isEmpty() ? "" : " " + gate.image()) + " " + gate.stat();
            xml.append("  <testcase classname=\"device.gates\" name=\"").append(attr(name)).append("\">");
            if (!gate.passed()) {
                xml.append("<failure message=\"").append(attr(gate.message())).append("\"/>");
            } else {
                xml.append("<system-out>").append(attr(gate.message() + (gate.warning().isEmpty() ? "" : "; " + gate.warning())))
                        .append("</system-out>");
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        return xml.toString();
    }

    private static String attr(String text) {
        return Html.escape(text).replace("'", "&apos;");
    }
}
